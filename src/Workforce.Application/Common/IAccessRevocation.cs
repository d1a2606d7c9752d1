namespace Workforce.Application.Common;

/// <summary>
/// Port: told when an account's access was revoked (disabled, password reset, roles, scope or permission changed; its security
/// stamp is new), so the web host drops what it cached about the account at once rather than within its recheck interval.
/// </summary>
public interface IAccessRevocation
{
    /// <summary>The account's sessions and tokens are no longer valid.</summary>
    void ForgetUser(string userId);
}

/// <summary>For hosts without sessions (the CLI).</summary>
public sealed class NoAccessRevocation : IAccessRevocation
{
    /// <inheritdoc />
    public void ForgetUser(string userId)
    {
    }
}
