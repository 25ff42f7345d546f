using Ballast.Core.Accounts;
using Ballast.Core.Register;
using Ballast.Core.Storage;
using Ballast.Web.Access;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ballast.Web.Api;

/// <summary>The register, scoped: an enterprise sees itself, a provincial analyst its province, the other roles all. Every read is audited.</summary>
public static class RegisterApi
{
    public sealed record RegisterEntry(string CreditCode, string Name, string RegionCode, string Province, string IndustryCode, string Division,
        string Ownership, int Employees, double RevenueLastYear, IReadOnlyList<string> Tiers);

    public static void MapRegisterApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/register").WithTags("Register");
        group.MapGet("/", List).ForSignedIn()
            .WithSummary("Register entries in your scope, by credit code; province filters (national roles), offset/limit page (limit ≤ 1000).");
        group.MapGet("/{creditCode}", One).ForSignedIn().WithSummary("One register entry, if it is in your scope.");
    }

    internal static RegisterEntry Entry(Enterprise e) =>
        new(e.CreditCode, e.Name, e.RegionCode, e.Province, e.IndustryCode, e.Division, e.Ownership, e.Employees, e.RevenueLastYear, e.Tiers);

    private static Results<Ok<RegisterEntry[]>, ProblemHttpResult, ValidationProblem> List(string? province, int? offset, int? limit,
        HttpContext context, IBallastStore store, AuditTrail audit)
    {
        var caller = Caller.From(context.User)!;
        int n = limit ?? 100, from = offset ?? 0;
        if (n is < 1 or > 1000 || from < 0)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = ["limit is 1 to 1000 and offset 0 or more"] });
        if (caller.Role == Role.Enterprise)
        {
            var own = store.FindEnterprise(caller.Scope);
            audit.Microdata(context, $"register entry {caller.Scope}");
            return TypedResults.Ok(own is null || from > 0 ? [] : new[] { Entry(own) });
        }
        if (caller.Role == Role.ProvincialAnalyst)
        {
            if (province is not null && province != caller.Scope)
            {
                audit.Refused(context, $"provincial analyst of {caller.Scope} asked for the register of province {province}");
                return TypedResults.Problem($"Your account sees the register of province {caller.Scope} only.", statusCode: StatusCodes.Status403Forbidden, title: "Outside your scope");
            }
            province = caller.Scope;
        }
        var page = store.EnterprisesPage(province, from, n);
        audit.Microdata(context, $"register page of {(province is null ? "all provinces" : "province " + province)} ({page.Count} entries)");
        return TypedResults.Ok(page.Select(Entry).ToArray());
    }

    private static Results<Ok<RegisterEntry>, ProblemHttpResult> One(string creditCode, HttpContext context, IBallastStore store, AuditTrail audit)
    {
        var caller = Caller.From(context.User)!;
        var e = store.FindEnterprise(creditCode);
        if (Scope.Check(caller, creditCode, e, context, audit) is { } refused) return refused;
        audit.Microdata(context, $"register entry {creditCode}");
        return TypedResults.Ok(Entry(e!));
    }
}

/// <summary>The scope check of one enterprise's microdata: refusals are audited; scoped roles never learn whether an enterprise outside their scope exists.</summary>
internal static class Scope
{
    public static ProblemHttpResult? Check(Caller caller, string creditCode, Enterprise? enterprise, HttpContext context, AuditTrail audit)
    {
        if (enterprise is not null && caller.MaySeeEnterprise(enterprise.CreditCode, enterprise.Province)) return null;
        if (enterprise is null && caller.Role is not (Role.Enterprise or Role.ProvincialAnalyst))
            return TypedResults.Problem($"There is no enterprise {creditCode} in the register.", statusCode: StatusCodes.Status404NotFound, title: "No such enterprise");
        audit.Refused(context, $"{Roles.Name(caller.Role)} {caller.Scope} asked for enterprise {creditCode} outside its scope");
        return TypedResults.Problem("This enterprise is outside your account's scope.", statusCode: StatusCodes.Status403Forbidden, title: "Outside your scope");
    }
}
