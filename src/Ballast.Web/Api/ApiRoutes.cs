using Ballast.Web.Programs;

namespace Ballast.Web.Api;

/// <summary>Maps every capability's API group (one line each).</summary>
public static class ApiRoutes
{
    public static void MapBallastApi(this IEndpointRouteBuilder app)
    {
        app.MapSessionApi();
        app.MapTokensApi();
        app.MapUsersApi();
        app.MapAuditApi();
        app.MapCalendarApi();
        app.MapReleasesApi();
        app.MapWarningsApi();
        app.MapRegisterApi();
        app.MapReportsApi();
        app.MapImportsApi();
        app.MapProgramsApi();
        app.MapArrearsApi();
        app.MapFilingAndResponses();
        app.MapProgramPages();
    }
}
