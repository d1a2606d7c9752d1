using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Workforce.Application.Assessment;
using Workforce.Domain.Assessment;
using Workforce.Web.Infrastructure;

namespace Workforce.Web.Features.Assessment;

/// <summary>
/// The 民主测评 ballot a voter opens on a phone without signing in: the code (from the QR code or typed) opens the ballot of its
/// community and group; submitting uses the code up. Rate-limited per address (policy <see cref="Policy"/>).
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(Policy)]
public sealed class BallotController(BallotBox box) : PageController
{
    /// <summary>The rate-limit policy of the ballot pages.</summary>
    public const string Policy = "ballot";

    /// <summary>Where a voter types a code.</summary>
    [HttpGet("/b")]
    public IActionResult Enter(string? code) =>
        string.IsNullOrWhiteSpace(code) ? View("Enter") : RedirectToAction(nameof(Open), new { code = code.Trim() });

    /// <summary>The ballot of a code, or why it cannot be used.</summary>
    [HttpGet("/b/{code}")]
    public async Task<IActionResult> Open(string code, CancellationToken ct)
    {
        var form = await box.OpenAsync(code, ct);
        if (!form.Succeeded)
        {
            ViewBag.Error = Text.Messages(form.Errors);
            return View("Enter");
        }
        ViewBag.Code = code;
        return View("Ballot", form.Value);
    }

    /// <summary>Casts the ballot: rating_{workerId} (rating ballots) or score_{workerId} (score ballots) for every person.</summary>
    [HttpPost("/b/{code}")]
    public async Task<IActionResult> Cast(string code, IFormCollection form, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(form);
        var marks = new Dictionary<long, (AssessmentRating?, decimal?)>();
        foreach (var (key, value) in form)
        {
            if (key.StartsWith("rating_", StringComparison.Ordinal) && long.TryParse(key.AsSpan(7), out var w) && Enum.TryParse<AssessmentRating>(value, out var r) && Enum.IsDefined(r))
            {
                marks[w] = (r, null);
            }
            else if (key.StartsWith("score_", StringComparison.Ordinal) && long.TryParse(key.AsSpan(6), out var s)
                && decimal.TryParse(value, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var score))
            {
                marks[s] = (null, score);
            }
        }
        var result = await box.CastAsync(code, marks, ct);
        if (result.Succeeded)
        {
            return View("Thanks");
        }
        var again = await box.OpenAsync(code, ct);
        ViewBag.Error = Text.Messages(result.Errors);
        if (!again.Succeeded)
        {
            return View("Enter");
        }
        ViewBag.Code = code;
        return View("Ballot", again.Value);
    }
}
