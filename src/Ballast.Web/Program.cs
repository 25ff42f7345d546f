namespace Ballast.Web;

/// <summary>
/// The web platform on its own (<c>dotnet Ballast.Web.dll --Ballast:Db=…</c>); <c>ballast serve</c> is the usual
/// way in. Public so integration tests can start the application through WebApplicationFactory.
/// </summary>
public sealed class Program
{
    private Program() { }

    public static void Main(string[] args) => BallastWeb.Create(args).Run();
}
