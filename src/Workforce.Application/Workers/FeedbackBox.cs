using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Workforce.Application.Common;
using Workforce.Data;
using Workforce.Domain.Workers;

namespace Workforce.Application.Workers;

/// <summary>The worker a feedback code belongs to, as the resident's page shows them.</summary>
public sealed record FeedbackTarget(long WorkerId, string Name, string Community);

/// <summary>A worker's ratings of one year: how many, the average stars and the latest comments.</summary>
public sealed record FeedbackSummary(int Year, int Count, decimal? Average, IReadOnlyDictionary<int, int> ByStars, IReadOnlyList<(System.DateOnly On, int Stars, string Comment)> Comments);

/// <summary>
/// Residents' feedback (群众评价): each worker has a fixed QR code (<c>/f/{code}</c>, the code a keyed hash of the worker, so it
/// cannot be guessed from an id); a resident opens it after a service, without signing in, and leaves 1–5 stars and a short
/// comment. One rating per phone (its address), worker and day — enforced by a unique keyed hash, so neither the address nor a
/// phone's ratings across days are kept — and at most <see cref="DailyLimit"/> per worker and day; the page is also rate limited per address.
/// </summary>
public sealed class FeedbackBox(UseCaseContext context)
{
    /// <summary>Most ratings a worker can receive in a day (a bound on abuse of a photographed code).</summary>
    public const int DailyLimit = 200;

    private WorkforceDbContext Db => context.Db;

    /// <summary>The code of a worker's QR code (under the writing look-up key).</summary>
    public string CodeFor(long workerId) => CodesFor(workerId)[0];

    // The worker's code under every configured look-up key: a code printed before a key change stays valid until that key is retired.
    private List<string> CodesFor(long workerId) =>
        [.. Db.Protector.KeyedTokens($"feedback:{workerId}").Select(t => string.Create(CultureInfo.InvariantCulture, $"{workerId}-{t[..10]}"))];

    /// <summary>The serving worker a code belongs to, or null for a wrong code or a worker who has left.</summary>
    public async Task<FeedbackTarget?> OpenAsync(string? code, CancellationToken ct)
    {
        if (WorkerOf(code) is not { } id)
        {
            return null;
        }
        var today = context.Today;
        return await Db.Workers.AsNoTracking().Where(w => w.Id == id && (w.LeaveDate == null || w.LeaveDate >= today))
            .Select(w => new FeedbackTarget(w.Id, w.Name, Db.OrgUnits.Where(u => u.Id == w.OrgUnitId).Select(u => u.Name).Single())).SingleOrDefaultAsync(ct);
    }

    /// <summary>Records a resident's rating; refused when this phone already rated the worker today or the day's limit is reached. Null for a wrong code.</summary>
    public async Task<CommandResult<bool>?> SubmitAsync(string? code, int stars, string? comment, string source, CancellationToken ct)
    {
        if (await OpenAsync(code, ct) is not { } target)
        {
            return null;
        }
        var today = context.Today;
        var hash = Db.Protector.KeyedToken(string.Create(CultureInfo.InvariantCulture, $"feedback-source:{source}:{target.WorkerId}:{today:yyyy-MM-dd}"));
        if (await Db.ResidentFeedback.AnyAsync(f => f.SourceHash == hash, ct))
        {
            return UseCaseContext.Fail<bool>("Stars", "Feedback.AlreadyToday");
        }
        if (await Db.ResidentFeedback.CountAsync(f => f.WorkerId == target.WorkerId && f.ReceivedOn == today, ct) >= DailyLimit)
        {
            return UseCaseContext.Fail<bool>("Stars", "Feedback.DailyLimit");
        }
        try
        {
            return await context.SaveAsync(() =>
            {
                Db.ResidentFeedback.Add(new ResidentFeedback(target.WorkerId, stars, comment, today, hash));
                return true;
            }, ct);
        }
        catch (DbUpdateException)
        {
            // Two submissions from one phone at once: the unique hash lets one through.
            return UseCaseContext.Fail<bool>("Stars", "Feedback.AlreadyToday");
        }
    }

    /// <summary>A worker's ratings of a year (the caller has checked the worker may be read); the latest 20 comments.</summary>
    public async Task<FeedbackSummary> SummaryAsync(long workerId, int year, CancellationToken ct)
    {
        var (first, last) = (new NodaTime.LocalDate(year, 1, 1), new NodaTime.LocalDate(year, 12, 31));
        var rows = Db.ResidentFeedback.AsNoTracking().Where(f => f.WorkerId == workerId && f.ReceivedOn >= first && f.ReceivedOn <= last);
        var byStars = await rows.GroupBy(f => f.Stars).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var count = byStars.Values.Sum();
        var comments = await rows.Where(f => f.Comment != null).OrderByDescending(f => f.ReceivedOn).ThenByDescending(f => f.Id).Take(20)
            .Select(f => new { f.ReceivedOn, f.Stars, f.Comment }).ToListAsync(ct);
        return new FeedbackSummary(year, count, count == 0 ? null : Math.Round((decimal)byStars.Sum(x => x.Key * x.Value) / count, 1, MidpointRounding.AwayFromZero),
            Enumerable.Range(1, 5).ToDictionary(s => s, s => byStars.GetValueOrDefault(s)), [.. comments.Select(c => (c.ReceivedOn.ToDateOnly(), c.Stars, c.Comment!))]);
    }

    private long? WorkerOf(string? code)
    {
        var parts = (code ?? string.Empty).Trim().Split('-');
        if (parts.Length != 2 || parts[0].Length > 19 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return null;
        }
        return CodesFor(id).Contains(code!.Trim(), StringComparer.OrdinalIgnoreCase) ? id : null;
    }
}
