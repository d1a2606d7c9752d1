using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Workforce.Data.Identity;
using Workforce.Web.Infrastructure;

namespace Workforce.Web.Features.Account;

/// <summary>Sign-in form.</summary>
public sealed class LoginViewModel
{
    /// <summary>用户名.</summary>
    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Field.UserName")]
    public string? UserName { get; set; }

    /// <summary>密码.</summary>
    [Required(ErrorMessage = "Validation.Required")]
    [DataType(DataType.Password)]
    [Display(Name = "Field.Password")]
    public string? Password { get; set; }

    /// <summary>Where to go after signing in (local URLs only).</summary>
    public string? ReturnUrl { get; set; }

    /// <summary>The provider's button when single sign-on is on: its label, or null.</summary>
    [Microsoft.AspNetCore.Mvc.ModelBinding.BindNever]
    public string? SsoLabel { get; set; }

    /// <summary>Whether the password form is shown (off when only single sign-on is used, unless <c>?local=true</c>).</summary>
    [Microsoft.AspNetCore.Mvc.ModelBinding.BindNever]
    public bool PasswordForm { get; set; } = true;
}

/// <summary>The page after a sign-in through the provider that did not end in a session here.</summary>
/// <param name="Outcome">Why.</param>
/// <param name="UserName">The name the provider gave, when it gave one.</param>
public sealed record SsoRefusedViewModel(SsoOutcome? Outcome, string? UserName);

/// <summary>
/// Sign-in and sign-out, with a password or through the single sign-on provider (ADR 0020). Unknown user, wrong password,
/// locked or disabled account get the same answer, after the same work.
/// </summary>
[Route("Account/[action]")]
public sealed class AccountController(AccountSignIn accounts, UiText text, IOptions<SsoOptions> sso) : Controller
{
    /// <summary>Shows the sign-in form, with the provider's button when single sign-on is on.</summary>
    [HttpGet, AllowAnonymous]
    public IActionResult Login(string? returnUrl, bool local = false) => View(Prepare(new LoginViewModel { ReturnUrl = returnUrl }, local));

    /// <summary>Signs in; five failures lock the account for 15 minutes.</summary>
    [HttpPost, AllowAnonymous]
    public async Task<IActionResult> Login(LoginViewModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        Prepare(model, local: true);
        if (!ModelState.IsValid)
        {
            return View(model);
        }
        if (await accounts.CheckAsync(model.UserName!, model.Password!) is { } user)
        {
            await accounts.SignInCookieAsync(user);
            return LocalRedirect(LocalOrHome(model.ReturnUrl));
        }
        ModelState.AddModelError(string.Empty, text["Account.InvalidLogin"]);
        model.Password = null;
        return View(model);
    }

    /// <summary>Sends the browser to the provider (authorization-code flow with PKCE); it comes back to <see cref="ExternalCallback"/>.</summary>
    [HttpPost, AllowAnonymous]
    public IActionResult ExternalLogin(string? returnUrl)
    {
        if (!sso.Value.Enabled)
        {
            return NotFound();
        }
        var properties = new AuthenticationProperties { RedirectUri = Url.Action(nameof(ExternalCallback), new { returnUrl = LocalOrHome(returnUrl) }) };
        return Challenge(properties, SsoOptions.Scheme);
    }

    /// <summary>
    /// Where the provider's answer lands once its handler has checked it: the identity is matched to a local account and
    /// signed in here, or refused with a page that says why. A GET because the provider redirects here; the state and PKCE
    /// checks of the handler, not an antiforgery token, tie it to the browser that asked.
    /// </summary>
    [HttpGet, AllowAnonymous]
    public async Task<IActionResult> ExternalCallback(string? returnUrl, CancellationToken ct)
    {
        if (!sso.Value.Enabled)
        {
            return NotFound();
        }
        var external = await HttpContext.AuthenticateAsync(IdentityConstants.ExternalScheme);
        if (!external.Succeeded)
        {
            return View("SsoRefused", new SsoRefusedViewModel(null, null));
        }
        await HttpContext.SignOutAsync(IdentityConstants.ExternalScheme);
        var outcome = await accounts.SignInFromProviderAsync(external.Principal, external.Properties, ct);
        if (outcome == SsoOutcome.SignedIn)
        {
            // The application cookie is SameSite=Strict and this request ends a redirect chain that began at the provider, so a
            // redirect would arrive without it; a page of this site that moves on starts a same-site navigation that carries it.
            return View("SsoContinue", LocalOrHome(returnUrl));
        }
        return View("SsoRefused", new SsoRefusedViewModel(outcome, external.Principal.FindFirst(sso.Value.UserClaim)?.Value));
    }

    /// <summary>Where a failed answer from the provider lands (cancelled, expired, replayed).</summary>
    [HttpGet, AllowAnonymous]
    public IActionResult SsoFailed() => View("SsoRefused", new SsoRefusedViewModel(null, null));

    /// <summary>
    /// Signs out: the session ends on the server, so a copy of the cookie opens nothing afterwards; after a sign-in through
    /// the provider, the browser then signs out at the provider too and comes back to the sign-in page.
    /// </summary>
    [HttpPost]
    public async Task<IActionResult> Logout()
    {
        var idToken = sso.Value.Enabled ? await HttpContext.GetTokenAsync(IdentityConstants.ApplicationScheme, "id_token") : null;
        await accounts.SignOutAsync(User);
        if (idToken is not null)
        {
            var properties = new AuthenticationProperties { RedirectUri = Url.Action(nameof(Login)) };
            properties.SetParameter(SingleSignOn.IdTokenHint, idToken);
            return SignOut(properties, SsoOptions.Scheme);
        }
        return RedirectToAction(nameof(Login));
    }

    /// <summary>Shown when a signed-in user lacks the role.</summary>
    [HttpGet, AllowAnonymous]
    public IActionResult AccessDenied() => View();

    private LoginViewModel Prepare(LoginViewModel model, bool local)
    {
        var options = sso.Value;
        model.SsoLabel = options.Enabled ? (string.IsNullOrWhiteSpace(options.DisplayName) ? text["Account.SsoDefaultName"] : options.DisplayName) : null;
        model.PasswordForm = options.LocalPasswordSignIn || local || !options.Enabled;
        return model;
    }

    private string LocalOrHome(string? returnUrl) => Url.IsLocalUrl(returnUrl) ? returnUrl! : "/";
}
