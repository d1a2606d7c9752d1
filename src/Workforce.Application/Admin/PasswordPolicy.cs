using System.Collections.Frozen;
using Microsoft.AspNetCore.Identity;
using Workforce.Data.Identity;

namespace Workforce.Application.Admin;

/// <summary>
/// Passwords per OWASP ASVS 5.0 V6.2: at least 12 characters, no composition rules, and refused when common — on the list
/// shipped with the app (<c>Resources/common-passwords.txt</c>, see tools/gen-common-passwords.sh: SecLists' most common
/// passwords and Chinese favourites such as woaini1314), when a common word merely wrapped in digits and symbols
/// (<c>Password123!</c>), or when it contains the user name.
/// </summary>
public sealed class PasswordPolicy : IPasswordValidator<ApplicationUser>
{
    /// <summary>Minimum length.</summary>
    public const int MinimumLength = 12;

    private static readonly Lazy<FrozenSet<string>> Common = new(Load);

    /// <summary>Applies the length and composition part of the policy to Identity's options.</summary>
    public static void Configure(PasswordOptions o)
    {
        ArgumentNullException.ThrowIfNull(o);
        o.RequiredLength = MinimumLength;
        o.RequireDigit = false;
        o.RequireLowercase = false;
        o.RequireUppercase = false;
        o.RequireNonAlphanumeric = false;
        o.RequiredUniqueChars = 1;
    }

    /// <summary>True when <paramref name="password"/> is on the list, or a listed word wrapped in digits and symbols.</summary>
    public static bool IsCommon(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        var lower = password.ToLowerInvariant();
        if (Common.Value.Contains(lower))
        {
            return true;
        }
        var core = lower.AsSpan().Trim("0123456789!@#$%^&*()_+-=.,?~`'\"[]{};:/\\| ");
        return core.Length >= 4 && core.Length < lower.Length && Common.Value.GetAlternateLookup<ReadOnlySpan<char>>().Contains(core);
    }

    /// <inheritdoc />
    public Task<IdentityResult> ValidateAsync(UserManager<ApplicationUser> manager, ApplicationUser user, string? password)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (string.IsNullOrEmpty(password))
        {
            return Task.FromResult(IdentityResult.Success);
        }
        var errors = new List<IdentityError>();
        if (IsCommon(password))
        {
            errors.Add(new IdentityError { Code = "PasswordCommon", Description = "The password is too common." });
        }
        if (user.UserName is { Length: >= 3 } name && password.Contains(name, StringComparison.OrdinalIgnoreCase))
        {
            errors.Add(new IdentityError { Code = "PasswordContainsUserName", Description = "The password contains the user name." });
        }
        return Task.FromResult(errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]));
    }

    private static FrozenSet<string> Load()
    {
        using var stream = typeof(PasswordPolicy).Assembly.GetManifestResourceStream("Workforce.Application.Admin.common-passwords.txt")
            ?? throw new InvalidOperationException("The common-password list is not embedded.");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                set.Add(line);
            }
        }
        return set.ToFrozenSet(StringComparer.Ordinal);
    }
}
