using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
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
}

/// <summary>Sign-in and sign-out. Unknown user, wrong password, locked or disabled account get the same answer, after the same work.</summary>
[Route("Account/[action]")]
public sealed class AccountController(AccountSignIn accounts, UiText text) : Controller
{
    /// <summary>Shows the sign-in form.</summary>
    [HttpGet, AllowAnonymous]
    public IActionResult Login(string? returnUrl) => View(new LoginViewModel { ReturnUrl = returnUrl });

    /// <summary>Signs in; five failures lock the account for 15 minutes.</summary>
    [HttpPost, AllowAnonymous]
    public async Task<IActionResult> Login(LoginViewModel model)
    {
        if (!ModelState.IsValid)
        {
            return View(model);
        }
        if (await accounts.CheckAsync(model.UserName!, model.Password!) is { } user)
        {
            await accounts.SignInCookieAsync(user);
            return LocalRedirect(Url.IsLocalUrl(model.ReturnUrl) ? model.ReturnUrl! : "/");
        }
        ModelState.AddModelError(string.Empty, text["Account.InvalidLogin"]);
        model.Password = null;
        return View(model);
    }

    /// <summary>Signs out: the session ends on the server, so a copy of the cookie opens nothing afterwards.</summary>
    [HttpPost]
    public async Task<IActionResult> Logout()
    {
        await accounts.SignOutAsync(User);
        return RedirectToAction(nameof(Login));
    }

    /// <summary>Shown when a signed-in user lacks the role.</summary>
    [HttpGet, AllowAnonymous]
    public IActionResult AccessDenied() => View();
}
