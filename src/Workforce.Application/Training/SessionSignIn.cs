using System.Globalization;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Workforce.Application.Common;
using Workforce.Data;
using Workforce.Domain.Training;

namespace Workforce.Application.Training;

/// <summary>The code the teacher's screen shows now, and until when.</summary>
/// <param name="Code">The code (changes every <see cref="SessionSignIn.StepSeconds"/> seconds).</param>
/// <param name="ValidUntil">When the next code takes over (the shown code is still accepted one step longer).</param>
public sealed record SignInCode(string Code, Instant ValidUntil);

/// <summary>The teacher's sign-in screen: the session, its window, whether it is open now, the code (only while open) and the sheet.</summary>
public sealed record SignInBoard(AttendanceSheet Sheet, LocalDateTime Opens, LocalDateTime Closes, bool Open, SignInCode? Code,
    IReadOnlyDictionary<long, Instant> SignedIn);

/// <summary>What a trainee sees after scanning: the session, and whether they are already signed in.</summary>
public sealed record SignInTicket(long SessionId, string Camp, string Course, LocalDate Date, LocalTime StartTime, LocalTime EndTime, string Place, string Teacher,
    LocalDateTime Opens, LocalDateTime Closes, bool Enrolled, Instant? SignedInAt);

/// <summary>
/// QR sign-in for training sessions (扫码签到): during a session's window (from <c>Training.SignInMinutesBefore</c> minutes before
/// the start, 30 by default, to the end) the teacher's screen shows a code that changes every <see cref="StepSeconds"/> seconds; an
/// enrolled trainee signed in as themself posts it and is marked present. A code is a keyed hash of the session and the time step,
/// so a photo of the screen stops working within a minute and nothing needs storing. Outside the window, not enrolled, or a stale
/// code: refused with a message.
/// </summary>
public sealed class SessionSignIn(UseCaseContext context, TrainingQueries queries, BusinessCalendar calendar, IClock clock)
{
    /// <summary>Seconds a code is shown.</summary>
    public const int StepSeconds = 30;

    private WorkforceDbContext Db => context.Db;

    /// <summary>The teacher's screen of a session of a camp in scope (null when outside scope).</summary>
    public async Task<SignInBoard?> BoardAsync(UserScope scope, long campId, long sessionId, CancellationToken ct)
    {
        var sheet = await queries.AttendanceSheetAsync(scope, campId, sessionId, ct);
        if (sheet is null)
        {
            return null;
        }
        var before = await MinutesBeforeAsync(ct);
        var now = clock.GetCurrentInstant();
        var open = sheet.Session.IsSignInOpen(now.InZone(calendar.Zone).LocalDateTime, before);
        var signedIn = await Db.Attendances.AsNoTracking().Where(a => a.SessionId == sessionId && a.SignedInAt != null)
            .ToDictionaryAsync(a => a.WorkerId, a => a.SignedInAt!.Value, ct);
        return new SignInBoard(sheet, sheet.Session.SignInOpensAt(before), sheet.Session.SignInClosesAt, open, open ? CodeAt(sessionId, now) : null, signedIn);
    }

    /// <summary>The session as the signed-in trainee sees it after scanning; null when the session does not exist or the user is not a worker.</summary>
    public async Task<SignInTicket?> TicketAsync(UserScope scope, long sessionId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (scope.WorkerId is not { } own)
        {
            return null;
        }
        var found = await SessionAsync(sessionId, ct);
        if (found is null)
        {
            return null;
        }
        var (session, course, camp) = found.Value;
        var before = await MinutesBeforeAsync(ct);
        var enrolled = await Db.Enrolments.AnyAsync(e => e.CampId == camp.Id && e.WorkerId == own, ct);
        var signedIn = await Db.Attendances.Where(a => a.SessionId == sessionId && a.WorkerId == own).Select(a => a.SignedInAt).SingleOrDefaultAsync(ct);
        return new SignInTicket(sessionId, camp.Name, course, session.Date, session.StartTime, session.EndTime, session.Place, session.Teacher,
            session.SignInOpensAt(before), session.SignInClosesAt, enrolled, signedIn);
    }

    /// <summary>
    /// Signs the signed-in trainee in with the code they scanned: enrolled in the session's camp, inside the window and a code of
    /// this or the previous step, else refused with a message. Null when the session does not exist or the user is not a worker.
    /// </summary>
    public async Task<CommandResult<Instant>?> SignInAsync(UserScope scope, long sessionId, string? code, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (scope.WorkerId is not { } own || await SessionAsync(sessionId, ct) is not { } found)
        {
            return null;
        }
        var (session, _, camp) = found;
        if (!await Db.Enrolments.AnyAsync(e => e.CampId == camp.Id && e.WorkerId == own, ct))
        {
            return UseCaseContext.Fail<Instant>("Code", "Training.SignInNotEnrolled", camp.Name);
        }
        var now = clock.GetCurrentInstant();
        var before = await MinutesBeforeAsync(ct);
        var existing = await Db.Attendances.SingleOrDefaultAsync(a => a.SessionId == sessionId && a.WorkerId == own, ct);
        return await context.SaveAsync(() =>
        {
            session.RequireSignInOpen(now.InZone(calendar.Zone).LocalDateTime, before);
            var step = now.ToUnixTimeSeconds() / StepSeconds;
            var given = (code ?? string.Empty).Trim().ToUpperInvariant();
            if (given.Length == 0 || (given != CodeOf(sessionId, step) && given != CodeOf(sessionId, step - 1)))
            {
                throw new Domain.Common.DomainException("Training.SignInCodeStale") { Field = "Code" };
            }
            if (existing is null)
            {
                existing = new Attendance(sessionId, own, true);
                Db.Attendances.Add(existing);
            }
            existing.SignIn(now);
            return existing.SignedInAt!.Value;
        }, ct);
    }

    private SignInCode CodeAt(long sessionId, Instant now)
    {
        var step = now.ToUnixTimeSeconds() / StepSeconds;
        return new SignInCode(CodeOf(sessionId, step), Instant.FromUnixTimeSeconds((step + 1) * StepSeconds));
    }

    // Eight hex digits of the keyed hash of the session and the step: unguessable without the key, nothing stored.
    private string CodeOf(long sessionId, long step) =>
        Db.Protector.KeyedToken(string.Create(CultureInfo.InvariantCulture, $"signin:{sessionId}:{step}"))[..8];

    private async Task<int> MinutesBeforeAsync(CancellationToken ct) => (int)await context.ParameterAsync(Domain.Policy.PolicyParameter.SignInMinutesBefore, 30m, ct);

    private async Task<(CourseSession Session, string Course, TrainingCamp Camp)?> SessionAsync(long sessionId, CancellationToken ct)
    {
        var row = await (from s in Db.CourseSessions
                         where s.Id == sessionId
                         join c in Db.Courses on s.CourseId equals c.Id
                         join m in Db.Set<CampModule>() on c.ModuleId equals m.Id
                         join camp in Db.TrainingCamps on m.CampId equals camp.Id
                         select new { Session = s, c.Title, Camp = camp }).AsNoTracking().SingleOrDefaultAsync(ct);
        return row is null ? null : (row.Session, row.Title, row.Camp);
    }
}
