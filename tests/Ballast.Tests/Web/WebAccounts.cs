using System.Net.Http.Headers;
using Ballast.Core.Accounts;
using Ballast.Core.Storage;
using Ballast.Web.Access;
using Microsoft.Extensions.DependencyInjection;

namespace Ballast.Tests.Web;

/// <summary>Accounts and API-token clients for the web tests, written straight into the application's store.</summary>
internal static class WebAccounts
{
    public const string Password = "correct-horse-battery";

    public static IBallastStore Store(this BallastWebFactory factory) => factory.Services.GetRequiredService<IBallastStore>();

    public static void AddUser(this BallastWebFactory factory, string userName, Role role, string scope = "", string password = Password) =>
        factory.Store().AddAccount(new Account(userName, role, scope, Passwords.Hash(password), DateTimeOffset.UnixEpoch));

    /// <summary>A client that sends a fresh API token of the user (created when missing) as its bearer header.</summary>
    public static HttpClient TokenClient(this BallastWebFactory factory, string userName, Role role, string scope = "")
    {
        var store = factory.Store();
        if (store.FindAccount(userName) is null) factory.AddUser(userName, role, scope);
        var (token, hash) = ApiTokens.Issue();
        store.AddApiToken(userName, "test", hash, DateTimeOffset.UnixEpoch);
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
