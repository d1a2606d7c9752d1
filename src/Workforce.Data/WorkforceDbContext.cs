using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;
using NodaTime;
using Workforce.Data.Auditing;
using Workforce.Data.Configurations;
using Workforce.Data.Identity;
using Workforce.Data.Security;
using Workforce.Domain.Assessment;
using Workforce.Domain.Certification;
using Workforce.Domain.Organisation;
using Workforce.Domain.Policy;
using Workforce.Domain.Workers;
using Workforce.Domain.ReservePool;
using Workforce.Domain.Training;
using Workforce.Domain.Mentorship;
using Workforce.Domain.Recruitment;
using Workforce.Domain.Pay;

namespace Workforce.Data;

/// <summary>
/// The one DbContext for every provider. Saving writes, in the same transaction, an audit row for
/// each change to an audited entity, chained by hash (see <see cref="AuditHasher"/>).
/// </summary>
public sealed class WorkforceDbContext : IdentityDbContext<ApplicationUser>
{
    /// <summary>Shadow column on Worker holding the keyed hash of the ID-card number.</summary>
    public const string IdCardHashProperty = "IdCardHash";

    private static readonly JsonSerializerOptions AuditJson = new()
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    private static readonly HashSet<Type> Audited =
    [
        typeof(Worker), typeof(PostAssignment), typeof(GridAssignment), typeof(Certificate), typeof(ConductRecord),
        typeof(OrgUnit), typeof(GradeBand), typeof(PolicyParameter),
        typeof(ReserveEntry), typeof(ReserveReview), typeof(Enrolment), typeof(Attendance), typeof(CourseResult), typeof(ExternalTraining),
        typeof(Mentorship), typeof(MentorshipMentee), typeof(MentorshipCheckIn), typeof(ShadowingPlacement),
        typeof(RecruitmentRound), typeof(RoundPost), typeof(Applicant), typeof(ExaminerScore), typeof(Objection), typeof(RoundTemplate),
        typeof(AssessmentSchemeVersion), typeof(AssessmentRound), typeof(AssessmentEntry), typeof(AssessmentObjection),
        typeof(PayPeriod), typeof(PayrollStart), typeof(RuleSetVersion), typeof(AnnualAssessment), typeof(LeaderRecognition), typeof(SpecialDeduction), typeof(OpeningBalance), typeof(ContributionBase), typeof(BankAccount),
        typeof(ApplicationUser), typeof(IdentityRole), typeof(IdentityUserRole<string>), typeof(IdentityUserClaim<string>),
    ];

    // Identity bookkeeping that changes on every sign-in or save; never useful in an audit diff.
    private static readonly HashSet<string> IgnoredProperties = ["ConcurrencyStamp", "SecurityStamp", IdCardHashProperty];
    private static readonly HashSet<string> RedactedProperties = ["PasswordHash"];

    private readonly IClock _clock;
    private readonly ICurrentActor _actor;
    private readonly AuditHashAlgorithm _auditHash;
    private readonly List<AuditEntry> _events = [];
    private CreationBatch? _batch;

    /// <summary>Creates the context.</summary>
    public WorkforceDbContext(DbContextOptions<WorkforceDbContext> options, IPersonalDataCipher protector, IClock clock, ICurrentActor actor, AuditChainOptions? auditChain = null)
        : base(options)
    {
        Protector = protector;
        _clock = clock;
        _actor = actor;
        _auditHash = auditChain?.HashAlgorithm ?? AuditHashAlgorithm.Sha256;
    }

    /// <summary>Protector for personal data (used by value converters and look-ups).</summary>
    public IPersonalDataCipher Protector { get; }

    /// <summary>Organisation units.</summary>
    public DbSet<OrgUnit> OrgUnits => Set<OrgUnit>();
    /// <summary>Workers.</summary>
    public DbSet<Worker> Workers => Set<Worker>();
    /// <summary>Post assignments.</summary>
    public DbSet<PostAssignment> PostAssignments => Set<PostAssignment>();
    /// <summary>Grid assignments.</summary>
    public DbSet<GridAssignment> GridAssignments => Set<GridAssignment>();
    /// <summary>Certificates.</summary>
    public DbSet<Certificate> Certificates => Set<Certificate>();
    /// <summary>Grade bands per post, effective-dated.</summary>
    public DbSet<GradeBand> GradeBands => Set<GradeBand>();
    /// <summary>Scalar policy parameters, effective-dated.</summary>
    public DbSet<PolicyParameter> PolicyParameters => Set<PolicyParameter>();
    /// <summary>Audit trail.</summary>
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    /// <summary>后备人才库 entries.</summary>
    public DbSet<ReserveEntry> ReserveEntries => Set<ReserveEntry>();
    /// <summary>Training camps with modules, courses and sessions.</summary>
    public DbSet<TrainingCamp> TrainingCamps => Set<TrainingCamp>();
    /// <summary>Course sessions (for attendance look-ups).</summary>
    public DbSet<CourseSession> CourseSessions => Set<CourseSession>();
    /// <summary>Courses.</summary>
    public DbSet<Course> Courses => Set<Course>();
    /// <summary>Camp enrolments.</summary>
    public DbSet<Enrolment> Enrolments => Set<Enrolment>();
    /// <summary>Attendance records.</summary>
    public DbSet<Attendance> Attendances => Set<Attendance>();
    /// <summary>Course results.</summary>
    public DbSet<CourseResult> CourseResults => Set<CourseResult>();
    /// <summary>Trainings outside the camps, with their hours.</summary>
    public DbSet<ExternalTraining> ExternalTrainings => Set<ExternalTraining>();
    /// <summary>传帮带 pairings.</summary>
    public DbSet<Mentorship> Mentorships => Set<Mentorship>();
    /// <summary>Shadowing placements.</summary>
    public DbSet<ShadowingPlacement> ShadowingPlacements => Set<ShadowingPlacement>();
    /// <summary>Recruitment rounds.</summary>
    public DbSet<RecruitmentRound> RecruitmentRounds => Set<RecruitmentRound>();
    /// <summary>Round templates (shipped and saved by units).</summary>
    public DbSet<RoundTemplate> RoundTemplates => Set<RoundTemplate>();
    /// <summary>Applicants of all rounds.</summary>
    public DbSet<Applicant> Applicants => Set<Applicant>();
    /// <summary>Pay periods.</summary>
    public DbSet<PayPeriod> PayPeriods => Set<PayPeriod>();

    /// <summary>Salary accounts as recorded when each period was approved (the bank file's source).</summary>
    public DbSet<ApprovedBankAccount> ApprovedBankAccounts => Set<ApprovedBankAccount>();

    /// <summary>Browser sessions (ended on sign-out).</summary>
    public DbSet<UserSession> UserSessions => Set<UserSession>();

    /// <summary>First months at go-live, per district.</summary>
    public DbSet<PayrollStart> PayrollStarts => Set<PayrollStart>();
    /// <summary>Payroll runs.</summary>
    public DbSet<PayrollRun> PayrollRuns => Set<PayrollRun>();
    /// <summary>Stored payslips.</summary>
    public DbSet<PayslipRecord> Payslips => Set<PayslipRecord>();
    /// <summary>Component totals per period and community.</summary>
    public DbSet<PeriodComponentTotal> PeriodComponentTotals => Set<PeriodComponentTotal>();
    /// <summary>Pay rule-set versions.</summary>
    public DbSet<RuleSetVersion> RuleSetVersions => Set<RuleSetVersion>();
    /// <summary>Annual assessments.</summary>
    public DbSet<AnnualAssessment> AnnualAssessments => Set<AnnualAssessment>();
    /// <summary>Governance-leader recognitions.</summary>
    public DbSet<LeaderRecognition> LeaderRecognitions => Set<LeaderRecognition>();
    /// <summary>Special additional deductions.</summary>
    public DbSet<SpecialDeduction> SpecialDeductions => Set<SpecialDeduction>();
    /// <summary>Opening balances (期初累计) at go-live.</summary>
    public DbSet<OpeningBalance> OpeningBalances => Set<OpeningBalance>();
    /// <summary>Contribution bases by contribution year.</summary>
    public DbSet<ContributionBase> ContributionBases => Set<ContributionBase>();
    /// <summary>Salary accounts.</summary>
    public DbSet<BankAccount> BankAccounts => Set<BankAccount>();
    /// <summary>End of the audit chain.</summary>
    public DbSet<AuditChainHead> AuditChainHeads => Set<AuditChainHead>();
    /// <summary>Commendation and disciplinary records (奖惩).</summary>
    public DbSet<ConductRecord> ConductRecords => Set<ConductRecord>();
    /// <summary>Residents' ratings of workers' service.</summary>
    public DbSet<ResidentFeedback> ResidentFeedback => Set<ResidentFeedback>();
    /// <summary>Assessment schemes by unit and year.</summary>
    public DbSet<AssessmentSchemeVersion> AssessmentSchemes => Set<AssessmentSchemeVersion>();
    /// <summary>Annual assessment rounds.</summary>
    public DbSet<AssessmentRound> AssessmentRounds => Set<AssessmentRound>();
    /// <summary>People assessed in the rounds.</summary>
    public DbSet<AssessmentEntry> AssessmentEntries => Set<AssessmentEntry>();
    /// <summary>Self-report attachments.</summary>
    public DbSet<AssessmentAttachment> AssessmentAttachments => Set<AssessmentAttachment>();
    /// <summary>Documents of qualification overrides.</summary>
    public DbSet<QualificationEvidence> QualificationEvidence => Set<QualificationEvidence>();
    /// <summary>Single-use ballot codes (hashes) of the 民主测评; not audited (anonymity).</summary>
    public DbSet<BallotCode> BallotCodes => Set<BallotCode>();
    /// <summary>Answered ballots; not audited (anonymity).</summary>
    public DbSet<Ballot> Ballots => Set<Ballot>();
    /// <summary>Version numbers of row families (<see cref="DataStamp"/>).</summary>
    public DbSet<DataStamp> DataStamps => Set<DataStamp>();
    /// <summary>Data Protection key ring.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>Workers whose ID-card number equals <paramref name="idCard"/> (via the keyed hash).</summary>
    public IQueryable<Worker> WorkersByIdCard(IdCardNumber idCard) => WithIdCard(Workers, idCard);

    /// <summary>Narrows <paramref name="workers"/> to the one whose ID-card number is <paramref name="idCard"/> (via the keyed hash).</summary>
    public IQueryable<Worker> WithIdCard(IQueryable<Worker> workers, IdCardNumber idCard)
    {
        // Every form the stored hash may have (a rotation of the look-up key may be under way).
        var hashes = Protector.LookupHashes(idCard.Value);
        return workers.Where(w => hashes.Contains(EF.Property<string>(w, IdCardHashProperty)));
    }

    /// <summary>
    /// Until the returned scope is disposed, the rows of <typeparamref name="T"/> that a save creates are audited as one entry
    /// (<paramref name="action"/> on <paramref name="entityType"/> <paramref name="entityId"/>) listing the ids created, with
    /// <paramref name="detail"/> (e.g. the imported file's SHA-256), instead of one entry each: a bulk import of 10,000 rows
    /// writes one audit row (ADR 0015). Changes and deletions are audited one by one as always.
    /// </summary>
    public IDisposable AuditCreationsAsOne<T>(string action, string entityType, string entityId, string detail) where T : class
    {
        _batch = new CreationBatch(typeof(T), action, entityType, entityId, detail);
        return new BatchScope(this);
    }

    private sealed record CreationBatch(Type Type, string Action, string EntityType, string EntityId, string Detail);

    private sealed class BatchScope(WorkforceDbContext db) : IDisposable
    {
        public void Dispose() => db._batch = null;
    }

    /// <summary>Ids as ranges, "1-3,7,9-12".</summary>
    private static string Ranges(IEnumerable<long> ids)
    {
        var sorted = ids.Order().ToList();
        var parts = new List<string>();
        for (var i = 0; i < sorted.Count;)
        {
            var j = i;
            while (j + 1 < sorted.Count && sorted[j + 1] == sorted[j] + 1)
            {
                j++;
            }
            var from = sorted[i].ToString(System.Globalization.CultureInfo.InvariantCulture);
            parts.Add(i == j ? from : from + "-" + sorted[j].ToString(System.Globalization.CultureInfo.InvariantCulture));
            i = j + 1;
        }
        return string.Join(",", parts);
    }

    /// <summary>Queues an audit event that is not an entity change (e.g. viewing unmasked personal data); written by the next save.</summary>
    public void RecordAuditEvent(string action, string entityType, string entityId, string? detail = null)
        => _events.Add(new AuditEntry
        {
            Action = action,
            EntityType = entityType,
            EntityId = entityId,
            After = detail is null ? null : JsonSerializer.Serialize(new Dictionary<string, string> { ["detail"] = detail }, AuditJson),
        });

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfiguration(new OrgUnitConfiguration());
        builder.ApplyConfiguration(new WorkerConfiguration(Protector));
        builder.ApplyConfiguration(new PostAssignmentConfiguration());
        builder.ApplyConfiguration(new GridAssignmentConfiguration());
        builder.ApplyConfiguration(new CertificateConfiguration());
        builder.ApplyConfiguration(new ConductRecordConfiguration());
        builder.ApplyConfiguration(new GradeBandConfiguration());
        builder.ApplyConfiguration(new AssessmentSchemeVersionConfiguration());
        builder.ApplyConfiguration(new AssessmentRoundConfiguration());
        builder.ApplyConfiguration(new AssessmentEntryConfiguration());
        builder.ApplyConfiguration(new AssessmentObjectionConfiguration());
        builder.ApplyConfiguration(new AssessmentAttachmentConfiguration());
        builder.ApplyConfiguration(new BallotCodeConfiguration());
        builder.ApplyConfiguration(new BallotConfiguration());
        builder.ApplyConfiguration(new BallotMarkConfiguration());
        builder.ApplyConfiguration(new PolicyParameterConfiguration());
        builder.ApplyConfiguration(new AuditEntryConfiguration());
        builder.ApplyConfiguration(new AuditChainHeadConfiguration());
        builder.ApplyConfiguration(new DataStampConfiguration());
        builder.ApplyConfiguration(new DataProtectionKeyConfiguration());
        builder.ApplyConfiguration(new ApplicationUserConfiguration());
        builder.ApplyConfiguration(new ReserveEntryConfiguration());
        builder.ApplyConfiguration(new ReserveReviewConfiguration());
        builder.ApplyConfiguration(new TrainingCampConfiguration());
        builder.ApplyConfiguration(new CampModuleConfiguration());
        builder.ApplyConfiguration(new CourseConfiguration());
        builder.ApplyConfiguration(new CourseSessionConfiguration());
        builder.ApplyConfiguration(new EnrolmentConfiguration());
        builder.ApplyConfiguration(new AttendanceConfiguration());
        builder.ApplyConfiguration(new CourseResultConfiguration());
        builder.ApplyConfiguration(new MentorshipConfiguration());
        builder.ApplyConfiguration(new MentorshipMenteeConfiguration());
        builder.ApplyConfiguration(new MentorshipCheckInConfiguration());
        builder.ApplyConfiguration(new ShadowingPlacementConfiguration());
        builder.ApplyConfiguration(new RecruitmentRoundConfiguration());
        builder.ApplyConfiguration(new RoundTemplateConfiguration());
        builder.ApplyConfiguration(new QualificationEvidenceConfiguration());
        builder.ApplyConfiguration(new RoundPostConfiguration());
        builder.ApplyConfiguration(new ApplicantConfiguration(Protector));
        builder.ApplyConfiguration(new ExaminerScoreConfiguration());
        builder.ApplyConfiguration(new ObjectionConfiguration());
        builder.ApplyConfiguration(new PayPeriodConfiguration());
        builder.ApplyConfiguration(new PayrollStartConfiguration());
        builder.Entity<UserSession>(b =>
        {
            b.ToTable("UserSessions");
            b.Property(x => x.Id).HasMaxLength(32);
            b.Property(x => x.UserId).HasMaxLength(450).IsRequired();
            b.HasIndex(x => x.UserId);
            b.HasOne<ApplicationUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.ApplyConfiguration(new PayrollRunConfiguration());
        builder.ApplyConfiguration(new PayslipRecordConfiguration());
        builder.ApplyConfiguration(new PeriodComponentTotalConfiguration());
        builder.ApplyConfiguration(new RuleSetVersionConfiguration());
        builder.ApplyConfiguration(new AnnualAssessmentConfiguration());
        builder.ApplyConfiguration(new LeaderRecognitionConfiguration());
        builder.ApplyConfiguration(new SpecialDeductionConfiguration());
        builder.ApplyConfiguration(new OpeningBalanceConfiguration());
        builder.ApplyConfiguration(new ContributionBaseConfiguration());
        builder.ApplyConfiguration(new BankAccountConfiguration(Protector));
        builder.ApplyConfiguration(new ApprovedBankAccountConfiguration(Protector));
    }

    /// <inheritdoc />
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<LocalDate>().HaveConversion<LocalDateConverter>();
        configurationBuilder.Properties<Instant>().HaveConversion<InstantConverter>();
        configurationBuilder.Properties<LocalTime>().HaveConversion<LocalTimeConverter>();
        configurationBuilder.Properties<YearMonth>().HaveConversion<YearMonthConverter>().HaveMaxLength(7);
    }

    /// <inheritdoc />
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
        => SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    /// <inheritdoc />
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        UpdateLookupHashes();
        var changed = ChangeTracker.Entries().Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted).ToList();
        var registryChanged = changed.Any(e => e.Entity is Worker or PostAssignment or OrgUnit);
        var changes = CaptureChanges();
        var batched = _batch is { } batch ? changes.Where(c => c.State == EntityState.Added && c.Entry.Metadata.ClrType == batch.Type).ToList() : [];
        if (batched.Count > 0)
        {
            changes = [.. changes.Except(batched)];
        }
        if (changes.Count == 0 && _events.Count == 0 && batched.Count == 0 && changed.Count == 0)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        var ownTransaction = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            var rows = changes.Select(c => c.ToEntry()).Concat(_events).ToList();
            if (batched.Count > 0 && _batch is { } one)
            {
                // Keys of added rows are known only now (after the save).
                var ids = batched.Select(c => Convert.ToInt64(c.Entry.Metadata.FindPrimaryKey()!.Properties.Select(p => c.Entry.Property(p.Name).CurrentValue).Single(), System.Globalization.CultureInfo.InvariantCulture));
                rows.Add(new AuditEntry
                {
                    Action = one.Action,
                    EntityType = one.EntityType,
                    EntityId = one.EntityId,
                    After = JsonSerializer.Serialize(new Dictionary<string, string>
                    {
                        ["detail"] = one.Detail, ["createdType"] = one.Type.Name, ["created"] = Ranges(ids), ["count"] = batched.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    }, AuditJson),
                });
            }
            _events.Clear();
            if (changed.Count > 0)
            {
                // Rows changed (an audit event alone, such as a refused access, changes nothing kept).
                await RaiseStampsAsync(registryChanged ? [DataStamp.Data, DataStamp.Registry] : [DataStamp.Data], cancellationToken);
            }
            if (rows.Count > 0)
            {
                await AppendToChainAsync(rows, cancellationToken);
            }
            if (ownTransaction is not null)
            {
                await ownTransaction.CommitAsync(cancellationToken);
            }
            return written;
        }
        finally
        {
            if (ownTransaction is not null)
            {
                await ownTransaction.DisposeAsync();
            }
        }
    }

    /// <summary>The current value of a <see cref="DataStamp"/> (0 when the row is missing).</summary>
    public Task<long> StampAsync(string name, CancellationToken cancellationToken = default)
        => DataStamps.AsNoTracking().Where(s => s.Name == name).Select(s => s.Value).FirstOrDefaultAsync(cancellationToken);

    /// <summary>
    /// Raises <see cref="DataStamp"/>s by one in the current transaction; <see cref="SaveChangesAsync(bool, CancellationToken)"/> raises
    /// <see cref="DataStamp.Data"/> (and <see cref="DataStamp.Registry"/> for the registry's rows) itself, bulk writers call this.
    /// </summary>
    public Task RaiseStampsAsync(IReadOnlyList<string> names, CancellationToken cancellationToken = default)
        => DataStamps.Where(s => EF.Parameter(names).Contains(s.Name)).ExecuteUpdateAsync(s => s.SetProperty(x => x.Value, x => x.Value + 1), cancellationToken);

    /// <summary>Recomputes every hash and link of the audit chain, in order, in batches.</summary>
    public async Task<AuditVerificationResult> VerifyAuditChainAsync(CancellationToken cancellationToken = default)
    {
        var previous = AuditHasher.Genesis;
        long expected = 1, checkedRows = 0;
        const int batch = 2000;
        while (true)
        {
            var rows = await AuditEntries.AsNoTracking().Where(e => e.Sequence >= expected).OrderBy(e => e.Sequence).Take(batch).ToListAsync(cancellationToken);
            foreach (var row in rows)
            {
                checkedRows++;
                if (row.Sequence != expected)
                {
                    return new(false, checkedRows, expected, "missing");
                }
                if (row.PreviousHash != previous)
                {
                    return new(false, checkedRows, row.Sequence, "link");
                }
                if (AuditHasher.Compute(row, AuditHasher.AlgorithmOf(row.Hash)) != row.Hash && !HashedBeforeTruncation(row))
                {
                    return new(false, checkedRows, row.Sequence, "content");
                }
                previous = row.Hash;
                expected++;
            }
            if (rows.Count < batch)
            {
                break;
            }
        }
        var head = await AuditChainHeads.AsNoTracking().SingleAsync(h => h.Id == 1, cancellationToken);
        if (head.Sequence != expected - 1 || head.LastHash != previous)
        {
            return new(false, checkedRows, expected, "head");
        }
        return new(true, checkedRows, null, null);
    }

    // Rows chained before timestamps were cut to whole microseconds were hashed with their 100 ns digit, which PostgreSQL did not
    // keep: such a row verifies if one of the ten possible digits gives its hash (the time is still checked to the microsecond).
    private static bool HashedBeforeTruncation(AuditEntry row)
    {
        var ticks = row.Timestamp.ToUnixTimeTicks();
        if (ticks % 10 != 0)
        {
            return false;
        }
        var stored = row.Timestamp;
        try
        {
            for (var digit = 1; digit < 10; digit++)
            {
                row.Timestamp = Instant.FromUnixTimeTicks(ticks + digit);
                if (AuditHasher.Compute(row, AuditHasher.AlgorithmOf(row.Hash)) == row.Hash)
                {
                    return true;
                }
            }
            return false;
        }
        finally
        {
            row.Timestamp = stored;
        }
    }

    private async Task AppendToChainAsync(List<AuditEntry> rows, CancellationToken cancellationToken)
    {
        // The no-op update takes the head row's write lock, so concurrent writers queue here
        // and the chain never forks.
        await AuditChainHeads.Where(h => h.Id == 1).ExecuteUpdateAsync(s => s.SetProperty(h => h.Sequence, h => h.Sequence), cancellationToken);
        var head = await AuditChainHeads.AsNoTracking().SingleAsync(h => h.Id == 1, cancellationToken);
        // Whole microseconds: PostgreSQL keeps no finer time, and the hash must cover the time as it is stored.
        var now = Instant.FromUnixTimeTicks(_clock.GetCurrentInstant().ToUnixTimeTicks() / 10 * 10);
        var sequence = head.Sequence;
        var previous = head.LastHash;
        foreach (var row in rows)
        {
            row.Sequence = ++sequence;
            row.Timestamp = now;
            row.UserId = _actor.UserId;
            row.UserName = _actor.UserName;
            row.PreviousHash = previous;
            row.Hash = AuditHasher.Compute(row, _auditHash);
            previous = row.Hash;
        }
        AuditEntries.AddRange(rows);
        await base.SaveChangesAsync(true, cancellationToken);
        await AuditChainHeads.Where(h => h.Id == 1).ExecuteUpdateAsync(s => s.SetProperty(h => h.Sequence, sequence).SetProperty(h => h.LastHash, previous), cancellationToken);
    }

    private void UpdateLookupHashes()
    {
        foreach (var entry in ChangeTracker.Entries().Where(e => e.Entity is Worker or Applicant))
        {
            if (entry.State is EntityState.Added or EntityState.Modified)
            {
                var hash = entry.Property(IdCardHashProperty);
                var value = Protector.LookupHash((entry.Entity is Worker w ? w.IdCard : ((Applicant)entry.Entity).IdCard).Value);
                if ((string?)hash.CurrentValue != value)
                {
                    hash.CurrentValue = value;
                }
            }
        }
    }

    private List<PendingChange> CaptureChanges()
    {
        var list = new List<PendingChange>();
        foreach (var entry in ChangeTracker.Entries())
        {
            if (!Audited.Contains(entry.Metadata.ClrType) || entry.State is EntityState.Unchanged or EntityState.Detached)
            {
                continue;
            }
            Dictionary<string, string?>? before = null, after = null;
            switch (entry.State)
            {
                case EntityState.Added:
                    break;
                case EntityState.Deleted:
                    before = Snapshot(entry, e => e.OriginalValue, onlyModified: false);
                    break;
                case EntityState.Modified:
                    before = Snapshot(entry, e => e.OriginalValue, onlyModified: true);
                    after = Snapshot(entry, e => e.CurrentValue, onlyModified: true);
                    if (after.Count == 0)
                    {
                        continue;
                    }
                    break;
            }
            list.Add(new PendingChange(entry, entry.State, before, after));
        }
        return list;
    }

    private static Dictionary<string, string?> Snapshot(EntityEntry entry, Func<PropertyEntry, object?> pick, bool onlyModified)
    {
        var values = new Dictionary<string, string?>();
        foreach (var p in entry.Properties)
        {
            var name = p.Metadata.Name;
            if (IgnoredProperties.Contains(name) || (onlyModified && !p.IsModified))
            {
                continue;
            }
            if (onlyModified && Equals(p.OriginalValue, p.CurrentValue))
            {
                continue;
            }
            values[name] = RedactedProperties.Contains(name) ? "[redacted]" : Format(pick(p));
        }
        return values;
    }

    private static string? Format(object? value) => value switch
    {
        null => null,
        IdCardNumber id => id.Masked,
        PhoneNumber phone => phone.Masked,
        BankAccountNumber account => account.Masked,
        Grade g => g.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
        LocalDate d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        // A round's rules as stored: every rule readable in the audit diff (not the record's type names).
        Workforce.Domain.Recruitment.RoundRules rules => Configurations.RoundRulesJson.Write(rules),
        Instant i => i.ToString(),
        DateTimeOffset o => o.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private sealed record PendingChange(EntityEntry Entry, EntityState State, Dictionary<string, string?>? Before, Dictionary<string, string?>? After)
    {
        public AuditEntry ToEntry()
        {
            // Keys of added rows are known only after the save, so the key and the values of a
            // creation are read now, from the saved entry.
            var key = string.Join(",", Entry.Metadata.FindPrimaryKey()!.Properties.Select(p => Format(Entry.Property(p.Name).CurrentValue)));
            var after = State == EntityState.Added ? Snapshot(Entry, e => e.CurrentValue, onlyModified: false) : After;
            return new AuditEntry
            {
                Action = State switch { EntityState.Added => "Created", EntityState.Deleted => "Deleted", _ => "Updated" },
                EntityType = Entry.Metadata.ClrType == typeof(IdentityUserRole<string>) ? "UserRole"
                    : Entry.Metadata.ClrType == typeof(IdentityUserClaim<string>) ? "UserClaim"
                    : Entry.Metadata.ClrType.Name,
                EntityId = key,
                Before = Before is null ? null : JsonSerializer.Serialize(Before, AuditJson),
                After = after is null ? null : JsonSerializer.Serialize(after, AuditJson),
            };
        }
    }
}

/// <summary>Separates cached EF models by personal-data key, so the converters always use the right key.</summary>
public sealed class WorkforceModelCacheKeyFactory : IModelCacheKeyFactory
{
    /// <inheritdoc />
    public object Create(DbContext context, bool designTime)
        => context is WorkforceDbContext w ? (context.GetType(), w.Protector.KeyId, designTime) : (object)(context.GetType(), designTime);
}
