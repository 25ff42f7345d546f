using Ballast.Core.Accounts;
using Ballast.Web.Access;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Ballast.Tests.Web.Programs;

/// <summary>
/// The arrears statistics are working figures, not put through the release's disclosure control (a cell of fewer
/// than 3 creditors, or dominated by one, is not suppressed). That is right only while every role that can read
/// them may see the cases behind them: the provincial analyst its province's cases (it handles them; the list of
/// cases shows them anyway), the national analyst all. This pins that condition: a role added to the endpoint
/// (an enterprise, a statistician, anyone) fails here, and must come with disclosure control for that role.
/// </summary>
public sealed class ArrearsStatisticsAccessTests
{
    [Fact]
    public void StatisticsEndpoint_DeclaredOnlyForRolesThatSeeTheCases_NoDisclosureControlNeeded()
    {
        using var factory = new BallastWebFactory();
        var source = factory.Services.GetRequiredService<EndpointDataSource>();
        var endpoint = Assert.Single(source.Endpoints.OfType<RouteEndpoint>(), e => e.RoutePattern.RawText == "/api/arrears/statistics");
        var access = endpoint.Metadata.GetMetadata<EndpointAccess>();
        Assert.NotNull(access);
        Assert.False(access.Anonymous);
        Assert.Equal([Role.ProvincialAnalyst, Role.NationalAnalyst], access.Roles.Order());
        // The cases list that the same roles read is scoped the same way (an enterprise its own, a province its own).
        var list = Assert.Single(source.Endpoints.OfType<RouteEndpoint>(),
            e => e.RoutePattern.RawText == "/api/arrears/cases" && e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.IHttpMethodMetadata>()!.HttpMethods.Contains("GET"));
        Assert.All(access.Roles, r => Assert.True(list.Metadata.GetMetadata<EndpointAccess>()!.Allows(r)));
    }
}
