using System.Threading.RateLimiting;

namespace Ballast.Web.Access;

/// <summary>
/// Sign-in attempts per user name and client address: a fixed window of one minute (System.Threading's rate
/// limiter, as the ASP.NET Core rate-limiting middleware uses). The middleware's own policy
/// (<see cref="AccessSetup.SignInPolicy"/>) limits attempts per address whatever the user name.
/// </summary>
public sealed class SignInThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    public SignInThrottle(int attemptsPerMinute)
    {
        _limiter = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ =>
            new FixedWindowRateLimiterOptions { PermitLimit = attemptsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
    }

    /// <summary>True when this attempt is allowed (it counts, successful or not).</summary>
    public bool TryAttempt(string userName, string address)
    {
        using var lease = _limiter.AttemptAcquire(userName + "\n" + address);
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
