using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Workforce.Application.Common;
using Workforce.Application.Mentorship;
using Workforce.Web.Infrastructure;

namespace Workforce.Web.Features.Talent;

/// <summary>传帮带 and 跟岗学习 pages.</summary>
[Authorize(Policy = Policies.TalentManage)]
public sealed class MentorshipsController(MentorshipQueries mentorships, MentorshipCommands commands, UserScopeAccessor scopes) : PageController
{
    /// <summary>Pairings (optionally only those with missing check-ins) and shadowing placements.</summary>
    public async Task<IActionResult> Index(bool overdue, CancellationToken ct)
    {
        var scope = await scopes.GetAsync(ct);
        ViewBag.Overdue = overdue;
        ViewBag.Placements = await mentorships.PlacementsAsync(scope, ct);
        return View(await mentorships.ListAsync(scope, overdue, ct));
    }

    /// <summary>Pairings as xlsx (with the missing check-ins).</summary>
    public async Task<IActionResult> Export(bool overdue, CancellationToken ct)
    {
        var rows = await mentorships.ListAsync(await scopes.GetAsync(ct), overdue, ct);
        return Xlsx("mentorships.xlsx", Text["Mentorship.Title"],
            [Text["Mentorship.Kind"], Text["Mentorship.Mentor"], Text["Mentorship.Mentees"], Text["Field.Start"], Text["Field.End"], Text["Mentorship.Goals"], Text["Mentorship.CheckIns"], Text["Mentorship.Missing"]],
            rows.Select(m => (IReadOnlyList<string?>)[Text.Enum(m.Pairing.Kind), m.MentorName, string.Join(Text["Common.ListSeparator"], m.MenteeNames), Fmt.D(m.Pairing.Start), Fmt.D(m.Pairing.End),
                m.Pairing.Goals, m.Pairing.CheckIns.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                string.Join("；", m.Missing.Select(d => Text.Enum(d.Kind) + " " + Fmt.D(d.WindowStart) + "—" + Fmt.D(d.WindowEnd)))]));
    }

    /// <summary>A pairing with its check-ins and forms.</summary>
    public async Task<IActionResult> Details(long id, CancellationToken ct)
    {
        var item = await mentorships.FindAsync(await scopes.GetAsync(ct), id, ct);
        return item is null ? NotFound() : View(item);
    }

    /// <summary>Creates a pairing.</summary>
    [HttpPost]
    public async Task<IActionResult> Create(MentorshipInput input, CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            return InvalidInput(nameof(Index));
        }
        var result = await commands.CreateAsync(await scopes.GetAsync(ct), input, ct);
        return result.Succeeded
            ? Back(result, Text["Mentorship.Created"], nameof(Details), new { id = result.Value!.Id })
            : Back(result, string.Empty, nameof(Index));
    }

    /// <summary>Records a check-in.</summary>
    [HttpPost]
    public async Task<IActionResult> CheckIn(long id, CheckInInput input, CancellationToken ct) =>
        ModelState.IsValid ? Back(await commands.CheckInAsync(await scopes.GetAsync(ct), id, input, ct), Text["Mentorship.CheckedIn"], nameof(Details), new { id }) : InvalidInput(nameof(Details), new { id });

    /// <summary>Evaluates the pairing.</summary>
    [HttpPost]
    public async Task<IActionResult> Evaluate(long id, EvaluationInput input, CancellationToken ct) =>
        ModelState.IsValid ? Back(await commands.EvaluateAsync(await scopes.GetAsync(ct), id, input, ct), Text["Mentorship.Evaluated"], nameof(Details), new { id }) : InvalidInput(nameof(Details), new { id });

    /// <summary>Records a shadowing placement.</summary>
    [HttpPost]
    public async Task<IActionResult> Place(ShadowingInput input, CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            return InvalidInput(nameof(Index));
        }
        return Back(await commands.PlaceAsync(await scopes.GetAsync(ct), input, ct), Text["Shadowing.Placed"], nameof(Index));
    }

    /// <summary>Files a placement report.</summary>
    [HttpPost]
    public async Task<IActionResult> Report(long id, string? report, CancellationToken ct) =>
        Back(await commands.ReportAsync(await scopes.GetAsync(ct), id, report ?? string.Empty, ct), Text["Shadowing.Reported"], nameof(Index));
}
