using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Workforce.Data.Identity;
using Workforce.Web.Infrastructure;

namespace Workforce.Web.Api;

/// <summary>Credentials for a token.</summary>
public sealed class TokenRequest
{
    /// <summary>User name.</summary>
    [Required(ErrorMessage = "Validation.Required")]
    public string? UserName { get; set; }

    /// <summary>Password.</summary>
    [Required(ErrorMessage = "Validation.Required")]
    public string? Password { get; set; }
}

/// <summary>Issues bearer tokens for integrations.</summary>
[Route("api/v1/auth")]
public sealed class AuthApiController(AccountSignIn accounts, SignInManager<ApplicationUser> signIn, UiText text) : ApiControllerBase
{
    /// <summary>
    /// Exchanges user name and password for a bearer token (<c>{"accessToken","tokenType":"Bearer","expiresIn"}</c>).
    /// Failed attempts count towards the lockout; unknown user, wrong password, lockout and a disabled account all answer the same 401,
    /// after the same work. The token lives an hour but is rechecked on every request (ADR 0012).
    /// </summary>
    [HttpPost("token"), AllowAnonymous]
    [ProducesResponseType(typeof(Microsoft.AspNetCore.Authentication.BearerToken.AccessTokenResponse), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status401Unauthorized)]
    public async Task<IActionResult> Token(TokenRequest request)
    {
        if (await accounts.CheckAsync(request.UserName!, request.Password!) is { } user)
        {
            // The token carries the account's security stamp: disabling it, a password reset or a change of roles ends the token.
            var principal = await signIn.CreateUserPrincipalAsync(user);
            return SignIn(principal, IdentityConstants.BearerScheme);
        }
        return Problem(statusCode: StatusCodes.Status401Unauthorized, title: text["Account.InvalidLogin"]);
    }
}
