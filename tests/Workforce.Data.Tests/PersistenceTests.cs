using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Workforce.Data.Security;
using Workforce.Domain.Certification;
using Workforce.Domain.Common;
using Workforce.Domain.Organisation;
using Workforce.Domain.Recruitment;
using Workforce.Domain.ReservePool;
using Workforce.Domain.Training;
using Workforce.Domain.Workers;

namespace Workforce.Data.Tests;

/// <summary>The persistence suite; runs once per provider (see the derived classes).</summary>
public abstract class PersistenceTests
{
    private static int _sequence;

    /// <summary>A fresh, migrated database.</summary>
    protected abstract Task<TestDatabase> NewDatabaseAsync();

    [Fact]
    public async Task RoundTripsAWorkerWithItsHistory()
    {
        var tdb = await NewDatabaseAsync();
        var (community, grid, bands) = await SeedTreeAsync(tdb);
        var id = NewIdCard(new LocalDate(1988, 2, 29));
        long workerId;
        await using (var db = tdb.Create())
        {
            var w = Worker.Register("陈静", id, PhoneNumber.Parse("13912345678"), Education.Master, PoliticalStatus.PartyMember, new LocalDate(2015, 9, 1), community);
            w.AssignPost(Post.Staff, new Grade(4), community, new LocalDate(2015, 9, 1), bands[Post.Staff]);
            w.AssignPost(Post.Deputy, new Grade(7), community, new LocalDate(2021, 1, 1), bands[Post.Deputy]);
            w.AssignGrid(grid, new LocalDate(2015, 9, 1));
            w.AddCertificate(CertificateLevel.SocialWorker, "SW-" + Guid.NewGuid().ToString("N")[..8], new LocalDate(2019, 6, 15));
            db.Workers.Add(w);
            await db.SaveChangesAsync();
            workerId = w.Id;
        }
        await using (var db = tdb.Create())
        {
            var w = await db.Workers.Include(x => x.PostAssignments).Include(x => x.GridAssignments).Include(x => x.Certificates).SingleAsync(x => x.Id == workerId);
            w.IdCard.Should().Be(id);
            w.Phone!.Value.Value.Should().Be("13912345678");
            w.BirthDate.Should().Be(new LocalDate(1988, 2, 29));
            w.PostAssignments.OrderBy(a => a.Start).Select(a => (a.Post, a.Grade.Value, a.Start, a.End)).Should().Equal(
                (Post.Staff, 4, new LocalDate(2015, 9, 1), (LocalDate?)new LocalDate(2020, 12, 31)),
                (Post.Deputy, 7, new LocalDate(2021, 1, 1), (LocalDate?)null));
            w.GridAssignments.Should().ContainSingle().Which.GridId.Should().Be(grid.Id);
            w.Certificates.Should().ContainSingle().Which.RegisteredOn.Should().Be(new LocalDate(2019, 6, 15));
            var today = new LocalDate(2026, 1, 1);
            (await db.Workers.CountAsync(x => x.PostAssignments.Any(a => a.Start <= today && (a.End == null || a.End >= today) && a.Post == Post.Deputy))).Should().Be(1);
        }
    }

    [Fact]
    public async Task WorkersWrittenUnderAesReadBackExactlyAfterTheAlgorithmBecomesSm4AndNewValuesAreWrittenWithSm4()
    {
        var tdb = await NewDatabaseAsync();
        var (community, _, _) = await SeedTreeAsync(tdb);
        var id = NewIdCard(new LocalDate(1990, 3, 7));
        long aesWorker;
        await using (var db = tdb.Create())
        {
            var w = Worker.Register("周敏", id, PhoneNumber.Parse("13812345678"), Education.Bachelor, PoliticalStatus.Masses, new LocalDate(2020, 3, 1), community);
            db.Workers.Add(w);
            await db.SaveChangesAsync();
            aesWorker = w.Id;
        }
        var sm4 = new PersonalDataCipher([.. Enumerable.Range(51, 32).Select(i => (byte)i)], [.. Enumerable.Range(101, 32).Select(i => (byte)i)], PersonalDataAlgorithm.Sm4Gcm,
            [[.. Enumerable.Range(1, 32).Select(i => (byte)i)]]);
        var second = NewIdCard(new LocalDate(1991, 4, 8));
        await using (var db = tdb.Create(cipher: sm4))
        {
            var w = await db.Workers.SingleAsync(x => x.Id == aesWorker);
            w.IdCard.Should().Be(id, "an AES value reads back under the SM4 setting");
            w.Phone!.Value.Value.Should().Be("13812345678");
            var hash = sm4.LookupHash(id.Value);
            (await db.Workers.CountAsync(x => EF.Property<string>(x, WorkforceDbContext.IdCardHashProperty) == hash)).Should().Be(1, "exact look-ups still find it");
            db.Workers.Add(Worker.Register("吴昊", second, null, Education.Bachelor, PoliticalStatus.Masses, new LocalDate(2021, 3, 1), community));
            await db.SaveChangesAsync();
            var stored = await ReadColumnAsync(db, "SELECT \"IdCardEncrypted\" FROM \"Workers\" ORDER BY \"Id\"");
            stored.Should().HaveCount(2);
            stored[0].Should().StartWith("v2:A:");
            stored[1].Should().StartWith("v2:S:" + sm4.WritingKeyId + ":");
            var secondHash = sm4.LookupHash(second.Value);
            (await db.Workers.SingleAsync(x => EF.Property<string>(x, WorkforceDbContext.IdCardHashProperty) == secondHash)).IdCard.Should().Be(second);
        }
    }

    [Fact]
    public async Task TheAuditChainSwitchesFromSha256ToSm3AndStillVerifiesEndToEndAndATamperedSm3RowIsFound()
    {
        var tdb = await NewDatabaseAsync();
        var (community, _, _) = await SeedTreeAsync(tdb);
        await using (var db = tdb.Create())
        {
            db.Workers.Add(Worker.Register("郑洁", NewIdCard(new LocalDate(1987, 5, 6)), null, Education.Bachelor, PoliticalStatus.Masses, new LocalDate(2019, 3, 1), community));
            await db.SaveChangesAsync();
        }
        await using (var db = tdb.Create(audit: Workforce.Data.Auditing.AuditHashAlgorithm.Sm3))
        {
            db.Workers.Add(Worker.Register("冯雷", NewIdCard(new LocalDate(1986, 6, 7)), null, Education.Bachelor, PoliticalStatus.Masses, new LocalDate(2019, 4, 1), community));
            await db.SaveChangesAsync();
        }
        await using (var db = tdb.Create())
        {
            var hashes = await db.AuditEntries.AsNoTracking().OrderBy(e => e.Sequence).Select(e => e.Hash).ToListAsync();
            hashes.Should().Contain(h => h.StartsWith("SM3:")).And.Contain(h => !h.StartsWith("SM3:"), "both algorithms in one chain");
            hashes.SkipWhile(h => !h.StartsWith("SM3:")).Should().OnlyContain(h => h.StartsWith("SM3:") && h.Length == 68);
            (await db.VerifyAuditChainAsync()).IsIntact.Should().BeTrue("verify-audit passes across the algorithm change");
            var victim = await db.AuditEntries.Where(e => e.Hash.StartsWith("SM3:")).OrderBy(e => e.Sequence).FirstAsync();
            await db.AuditEntries.Where(e => e.Id == victim.Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.After, "{\"Name\":\"forged\"}"));
            var result = await db.VerifyAuditChainAsync();
            result.IsIntact.Should().BeFalse();
            result.FirstBrokenSequence.Should().Be(victim.Sequence);
        }
    }

    [Fact]
    public async Task ARowHashedWithItsHundredNanosecondDigitBeforeTimesWereCutToMicrosecondsStillVerifies()
    {
        var tdb = await NewDatabaseAsync();
        await SeedTreeAsync(tdb);
        await using var db = tdb.Create();
        var last = await db.AuditEntries.OrderByDescending(e => e.Sequence).FirstAsync();
        // As an earlier release wrote it on PostgreSQL: hashed with 3 more ticks than the column kept.
        var stored = last.Timestamp;
        last.Timestamp = stored.PlusTicks(3);
        var oldHash = Workforce.Data.Auditing.AuditHasher.Compute(last, Workforce.Data.Auditing.AuditHashAlgorithm.Sha256);
        await db.AuditEntries.Where(e => e.Id == last.Id).ExecuteUpdateAsync(x => x.SetProperty(e => e.Hash, oldHash));
        await db.AuditChainHeads.Where(h => h.Id == 1).ExecuteUpdateAsync(x => x.SetProperty(h => h.LastHash, oldHash));
        (await db.VerifyAuditChainAsync()).IsIntact.Should().BeTrue();
        await db.AuditEntries.Where(e => e.Id == last.Id).ExecuteUpdateAsync(x => x.SetProperty(e => e.Timestamp, stored.PlusTicks(20)));
        (await db.VerifyAuditChainAsync()).IsIntact.Should().BeFalse("the time is still checked to the microsecond");
    }

    [Fact]
    public async Task EverySaveRaisesTheDataStampRegistryRowsAlsoTheRegistryStampAndTheRaisedValueIsSeenByAnotherContext()
    {
        var tdb = await NewDatabaseAsync();
        var (community, _, _) = await SeedTreeAsync(tdb);
        async Task<(long Data, long Registry, long Payslips)> StampsAsync()
        {
            await using var db = tdb.Create();
            return (await db.StampAsync(DataStamp.Data), await db.StampAsync(DataStamp.Registry), await db.StampAsync(DataStamp.Payslips));
        }
        var start = await StampsAsync();
        start.Data.Should().BeGreaterThan(0, "seeding the tree saved rows");

        await using (var db = tdb.Create())
        {
            // A camp is not an audited row: the data stamp moves all the same (kept dashboard panels read camps).
            db.TrainingCamps.Add(new TrainingCamp("第一期", community.Id, new LocalDate(2026, 3, 1), new LocalDate(2026, 6, 30), 80, true));
            await db.SaveChangesAsync();
            (await db.SaveChangesAsync()).Should().Be(0);
        }
        (await StampsAsync()).Should().Be((start.Data + 1, start.Registry, start.Payslips), "one save of a camp; a save with nothing to write raises nothing");

        await using (var db = tdb.Create())
        {
            db.Workers.Add(Worker.Register("陈静", NewIdCard(new LocalDate(1990, 5, 1)), null, Education.Bachelor, PoliticalStatus.Masses, new LocalDate(2020, 1, 1), community));
            await db.SaveChangesAsync();
            await db.RaiseStampsAsync([DataStamp.Payslips]);
        }
        (await StampsAsync()).Should().Be((start.Data + 2, start.Registry + 1, start.Payslips + 1), "a worker raises the registry's stamp too; a bulk writer raises its own");
    }

    [Fact]
    public async Task RoundTripsAConductRecordAuditedAndRefusesOneForAWorkerThatDoesNotExist()
    {
        var tdb = await NewDatabaseAsync();
        var (community, _, _) = await SeedTreeAsync(tdb);
        long workerId, recordId;
        await using (var db = tdb.Create())
        {
            var w = Worker.Register("周敏", NewIdCard(new LocalDate(1991, 4, 2)), null, Education.Bachelor, PoliticalStatus.PartyMember, new LocalDate(2019, 3, 1), community);
            db.Workers.Add(w);
            await db.SaveChangesAsync();
            workerId = w.Id;
            var record = new ConductRecord(workerId, ConductType.Warning, new LocalDate(2026, 3, 10), "区民政局", "影响期内不得晋升岗位等级", new LocalDate(2026, 9, 9), "民发〔2026〕3号");
            db.ConductRecords.Add(record);
            await db.SaveChangesAsync();
            recordId = record.Id;
        }
        await using (var db = tdb.Create())
        {
            var stored = await db.ConductRecords.SingleAsync(r => r.Id == recordId);
            (stored.WorkerId, stored.Type, stored.Kind, stored.DecidedOn, stored.EndsOn, stored.IssuedBy, stored.Effect, stored.Document).Should().Be(
                (workerId, ConductType.Warning, ConductKind.Discipline, new LocalDate(2026, 3, 10), (LocalDate?)new LocalDate(2026, 9, 9), "区民政局", "影响期内不得晋升岗位等级", "民发〔2026〕3号"));
            (await db.AuditEntries.CountAsync(e => e.EntityType == nameof(ConductRecord) && e.EntityId == recordId.ToString(System.Globalization.CultureInfo.InvariantCulture)))
                .Should().Be(1, "recording a 奖惩 decision is audited");
            db.ConductRecords.Add(new ConductRecord(workerId + 1000, ConductType.Praise, new LocalDate(2026, 5, 1), "区民政局", "通报表扬", null));
            var orphan = () => db.SaveChangesAsync();
            await orphan.Should().ThrowAsync<DbUpdateException>("a record names an existing worker");
        }
    }

    [Fact]
    public async Task StoresIdCardAndPhoneOnlyEncrypted()
    {
        var tdb = await NewDatabaseAsync();
        var (community, _, bands) = await SeedTreeAsync(tdb);
        var id = NewIdCard(new LocalDate(1992, 10, 3));
        await using (var db = tdb.Create())
        {
            db.Workers.Add(Worker.Register("周敏", id, PhoneNumber.Parse("13700001111"), Education.Bachelor, PoliticalStatus.Masses, new LocalDate(2020, 1, 1), community));
            await db.SaveChangesAsync();
        }
        await using (var db = tdb.Create())
        {
            var rows = await ReadColumnAsync(db, "SELECT \"IdCardEncrypted\" || '|' || \"PhoneEncrypted\" || '|' || \"IdCardHash\" FROM \"Workers\"");
            rows.Should().ContainSingle();
            rows[0].Should().StartWith("v2:A:").And.NotContain(id.Value).And.NotContain("13700001111").And.NotContain(id.Value[..10]);
            var audit = await ReadColumnAsync(db, "SELECT \"After\" FROM \"AuditEntries\" WHERE \"EntityType\" = 'Worker'");
            audit.Should().ContainSingle().Which.Should().Contain(id.Masked).And.NotContain(id.Value);
        }
    }

    [Fact]
    public async Task FindsAWorkerByExactIdCardThroughTheKeyedHash()
    {
        var tdb = await NewDatabaseAsync();
        var (community, _, _) = await SeedTreeAsync(tdb);
        var a = NewIdCard(new LocalDate(1990, 1, 1));
        var b = NewIdCard(new LocalDate(1991, 1, 1));
        await using (var db = tdb.Create())
        {
            db.Workers.Add(Worker.Register("甲一", a, null, Education.College, PoliticalStatus.Masses, new LocalDate(2020, 1, 1), community));
            db.Workers.Add(Worker.Register("乙二", b, null, Education.College, PoliticalStatus.Masses, new LocalDate(2020, 1, 1), community));
            await db.SaveChangesAsync();
        }
        await using (var db = tdb.Create())
        {
            (await db.WorkersByIdCard(b).Select(w => w.Name).SingleAsync()).Should().Be("乙二");
            (await db.WorkersByIdCard(NewIdCard(new LocalDate(1993, 1, 1))).AnyAsync()).Should().BeFalse();
        }
    }

    [Fact]
    public async Task TheDatabaseRefusesTheSameIdCardTwice()
    {
        var tdb = await NewDatabaseAsync();
        var (community, _, _) = await SeedTreeAsync(tdb);
        var id = NewIdCard(new LocalDate(1990, 1, 1));
        await using var db = tdb.Create();
        db.Workers.Add(Worker.Register("甲一", id, null, Education.College, PoliticalStatus.Masses, new LocalDate(2020, 1, 1), community));
        db.Workers.Add(Worker.Register("甲二", id, null, Education.College, PoliticalStatus.Masses, new LocalDate(2020, 1, 1), community));
        var act = () => db.SaveChangesAsync();
        await act.Should().ThrowAsync<DbUpdateException>();
        await using var check = tdb.Create();
        (await check.Workers.CountAsync()).Should().Be(0, "a failed save writes neither the rows nor their audit entries");
        (await check.AuditEntries.CountAsync(e => e.EntityType == "Worker")).Should().Be(0);
    }

    [Fact]
    public async Task AuditsEveryChangeInAHashChainThatVerifies()
    {
        var tdb = await NewDatabaseAsync();
        var (community, _, bands) = await SeedTreeAsync(tdb);
        long id;
        await using (var db = tdb.Create())
        {
            var w = Worker.Register("孙丽", NewIdCard(new LocalDate(1990, 1, 1)), null, Education.College, PoliticalStatus.Masses, new LocalDate(2020, 1, 1), community);
            w.AssignPost(Post.Staff, new Grade(2), community, new LocalDate(2020, 1, 1), bands[Post.Staff]);
            db.Workers.Add(w);
            await db.SaveChangesAsync();
            id = w.Id;
        }
        tdb.Clock.Advance(Duration.FromMinutes(5));
        await using (var db = tdb.Create(new TestActor("u-2", "hr")))
        {
            var w = await db.Workers.Include(x => x.PostAssignments).SingleAsync(x => x.Id == id);
            w.UpdateProfile("孙丽丽", w.IdCard, null, Education.Bachelor, w.PoliticalStatus, w.HireDate);
            await db.SaveChangesAsync();
        }
        await using (var db = tdb.Create())
        {
            var rows = await db.AuditEntries.Where(e => e.EntityType == "Worker" && e.EntityId == id.ToString()).OrderBy(e => e.Sequence).ToListAsync();
            rows.Select(r => r.Action).Should().Equal("Created", "Updated");
            rows[1].UserName.Should().Be("hr");
            rows[1].Timestamp.Should().Be(tdb.Clock.Now);
            rows[1].Before.Should().Contain("孙丽").And.Contain("College");
            rows[1].After.Should().Contain("孙丽丽").And.Contain("Bachelor");
            (await db.AuditEntries.AnyAsync(e => e.EntityType == "PostAssignment" && e.Action == "Created")).Should().BeTrue();
            var result = await db.VerifyAuditChainAsync();
            result.IsIntact.Should().BeTrue();
            result.RowsChecked.Should().Be(await db.AuditEntries.CountAsync());
        }
    }

    [Fact]
    public async Task DetectsATamperedAuditRow()
    {
        var tdb = await NewDatabaseAsync();
        await SeedTreeAsync(tdb);
        await using var db = tdb.Create();
        var victim = await db.AuditEntries.OrderBy(e => e.Sequence).Skip(2).FirstAsync();
        await db.AuditEntries.Where(e => e.Id == victim.Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.After, "{\"Name\":\"forged\"}"));
        var result = await db.VerifyAuditChainAsync();
        result.IsIntact.Should().BeFalse();
        result.FirstBrokenSequence.Should().Be(victim.Sequence);
        result.Problem.Should().Be("content");
    }

    [Fact]
    public async Task ConcurrentWritersKeepOneUnbrokenChain()
    {
        var tdb = await NewDatabaseAsync();
        var (community, _, _) = await SeedTreeAsync(tdb);
        var ids = Enumerable.Range(0, 8).Select(i => NewIdCard(new LocalDate(1980 + i, 3, 3))).ToList();
        await Task.WhenAll(ids.Select(async (id, i) =>
        {
            await using var db = tdb.Create(new TestActor("u-" + i, "writer" + i));
            db.Workers.Add(Worker.Register("并发" + (char)('甲' + i), id, null, Education.College, PoliticalStatus.Masses, new LocalDate(2020, 1, 1), community));
            await db.SaveChangesAsync();
        }));
        await using var check = tdb.Create();
        (await check.VerifyAuditChainAsync()).IsIntact.Should().BeTrue();
        (await check.AuditEntries.CountAsync(e => e.EntityType == "Worker")).Should().Be(8);
    }

    /// <summary>A valid, unique ID-card number.</summary>
    [Fact]
    public async Task TheDatabaseKeepsAPersonInOnePoolAtATimeButAllowsReentryAfterExit()
    {
        var tdb = await NewDatabaseAsync();
        var (community, _, _) = await SeedTreeAsync(tdb);
        long workerId;
        await using (var db = tdb.Create())
        {
            var w = Worker.Register("周明", NewIdCard(new LocalDate(1990, 5, 5)), null, Education.Bachelor, PoliticalStatus.PartyMember, new LocalDate(2018, 1, 1), community);
            db.Workers.Add(w);
            await db.SaveChangesAsync();
            workerId = w.Id;
            var first = ReserveEntry.Nominate(workerId, community.Id, NominationSource.BranchRecommendation, new LocalDate(2026, 1, 5), null);
            first.Vet(true, new LocalDate(2026, 1, 20), "考察合格");
            first.AddReview(ReviewPeriod.Monthly, new LocalDate(2026, 2, 20), Domain.Assessment.AssessmentRating.Excellent, "表现突出", "李主任");
            db.ReserveEntries.Add(first);
            await db.SaveChangesAsync();
        }
        await using (var db = tdb.Create())
        {
            db.ReserveEntries.Add(ReserveEntry.Nominate(workerId, community.Id, NominationSource.SelfNomination, new LocalDate(2026, 3, 1), null));
            var act = () => db.SaveChangesAsync();
            await act.Should().ThrowAsync<DbUpdateException>("a second open entry for the same person is refused by the unique index");
        }
        await using (var db = tdb.Create())
        {
            var open = await db.ReserveEntries.Include(e => e.Reviews).SingleAsync(e => e.WorkerId == workerId);
            open.Reviews.Should().ContainSingle().Which.Rating.Should().Be(Domain.Assessment.AssessmentRating.Excellent);
            open.Exit(new LocalDate(2026, 3, 31), "调离");
            db.ReserveEntries.Add(ReserveEntry.Nominate(workerId, community.Id, NominationSource.Organisation, new LocalDate(2026, 4, 1), null));
            await db.SaveChangesAsync();
            (await db.ReserveEntries.CountAsync(e => e.WorkerId == workerId)).Should().Be(2);
            (await db.AuditEntries.CountAsync(e => e.EntityType == nameof(ReserveEntry))).Should().BeGreaterThanOrEqualTo(3);
        }
    }

    [Fact]
    public async Task BulkWrittenPayslipsReadBackExactlyAndTheDatabaseRefusesASecondOneForTheSameMonth()
    {
        var tdb = await NewDatabaseAsync();
        var (community, _, _) = await SeedTreeAsync(tdb);
        var month = new YearMonth(2026, 5);
        long workerId, periodId;
        var lines = new List<PayslipLineRecord>
        {
            new() { Code = "GRADE_PAY", Category = 1, AmountFen = 584000, From = new LocalDate(2026, 5, 1), To = new LocalDate(2026, 5, 31), BasisAmount = 5840.00m, BasisFactor = 1.1680m, Numerator = 31, Denominator = 31, Post = Post.Head, Grade = 9 },
            new() { Code = "RETRO_CERT_ALLOWANCE", Category = 1, AmountFen = -30000, From = new LocalDate(2026, 3, 1), To = new LocalDate(2026, 3, 31), SourceMonth = new YearMonth(2026, 3), FactsHash = -42, BasisAmount = 0m, BasisFactor = 300.00m, Numerator = 3, Denominator = 9, Post = Post.Head, Grade = 9 },
        };
        await using (var db = tdb.Create())
        {
            var w = Worker.Register("许文", NewIdCard(new LocalDate(1985, 7, 7)), null, Education.Bachelor, PoliticalStatus.PartyMember, new LocalDate(2010, 1, 1), community);
            db.Workers.Add(w);
            var period = new Domain.Pay.PayPeriod(community.ParentId!.Value, month);
            db.PayPeriods.Add(period);
            await db.SaveChangesAsync();
            (workerId, periodId) = (w.Id, period.Id);
            await using var tx = await db.Database.BeginTransactionAsync();
            var record = new PayslipRecord
            {
                Id = periodId << 32, PeriodId = periodId, WorkerId = workerId, Month = month, CommunityId = community.Id, Post = Post.Head, Grade = 9,
                ContributionBase = 8798.33m, NetFen = 554000, TaxMonths = 5, LinesData = PayslipLineCodec.Encode(lines), HasRetro = true,
            };
            // Every mapped column, written through the model's conversions.
            var properties = db.Model.FindEntityType(typeof(PayslipRecord))!.GetProperties().Where(p => p.PropertyInfo is not null).ToList();
            await using (var insert = BulkInsert.For<PayslipRecord>(db, 10, [.. properties.Select(p => p.Name)]))
            {
                for (var i = 0; i < properties.Count; i++)
                {
                    insert.Set(i, properties[i].PropertyInfo!.GetValue(record));
                }
                await insert.EndRowAsync(default);
                await insert.FlushAsync(default);
            }
            await tx.CommitAsync();
        }
        await using (var db = tdb.Create())
        {
            var stored = await db.Payslips.SingleAsync(p => p.WorkerId == workerId && p.Month == month);
            stored.Id.Should().Be(periodId << 32);
            stored.ContributionBase.Should().Be(8798.33m);
            stored.HasRetro.Should().BeTrue();
            stored.Lines.Should().BeEquivalentTo(lines, o => o.WithStrictOrdering());
            stored.Lines[0].BasisFactor.ToString(System.Globalization.CultureInfo.InvariantCulture).Should().Be("1.1680", "decimals keep their scale");
            db.Payslips.Add(new PayslipRecord { Id = (periodId << 32) + 1, PeriodId = periodId, WorkerId = workerId, Month = month, CommunityId = community.Id, Post = Post.Head, LinesData = [] });
            var act = () => db.SaveChangesAsync();
            await act.Should().ThrowAsync<DbUpdateException>("one payslip per worker, month and kind");
        }
    }

    [Fact]
    public async Task RoundTripsACampPlanWithSessionTimes()
    {
        var tdb = await NewDatabaseAsync();
        var (community, _, _) = await SeedTreeAsync(tdb);
        long campId;
        await using (var db = tdb.Create())
        {
            var camp = new TrainingCamp("2026年学习成长营", community.Id, new LocalDate(2026, 3, 1), new LocalDate(2026, 6, 30), 80, true);
            var course = camp.AddModule(ModuleKind.SmallClass, "小班施教").AddCourse("基层治理", CourseTrack.Professional, true, 60m);
            camp.AddSession(course, new LocalDate(2026, 3, 7), new LocalTime(9, 0), new LocalTime(11, 30), "区委党校", "王老师");
            db.TrainingCamps.Add(camp);
            await db.SaveChangesAsync();
            campId = camp.Id;
        }
        await using (var db = tdb.Create())
        {
            var camp = await db.TrainingCamps.Include(c => c.Modules).ThenInclude(m => m.Courses).ThenInclude(c => c.Sessions).SingleAsync(c => c.Id == campId);
            var session = camp.Sessions.Single();
            (session.StartTime, session.EndTime).Should().Be((new LocalTime(9, 0), new LocalTime(11, 30)));
            camp.Modules.Single().Courses.Single().PassScore.Should().Be(60m);
        }
    }

    [Fact]
    public async Task RoundTripsARoundWithItsRulesAndRefusesTheSamePersonTwiceInOneRound()
    {
        var tdb = await NewDatabaseAsync();
        var (community, _, _) = await SeedTreeAsync(tdb);
        var person = NewIdCard(new LocalDate(1999, 3, 3));
        var rules = new RoundRules
        {
            AgeReferenceDate = new LocalDate(2026, 4, 1), WrittenPassLineKind = PassLineKind.ShareOfMean, WrittenPassLine = 0.6m,
            BonusItems = [new BonusItem("SW", "持证", 2m)], TieBreaks = [TieBreak.Education, TieBreak.YoungerFirst],
        };
        long roundId;
        await using (var db = tdb.Create())
        {
            var round = new RecruitmentRound("2026年招聘", community.Id, new LocalDate(2026, 4, 1), rules);
            var post = round.AddPost("社区工作者", community.Id, Post.Staff, 2);
            round.Register(post, "李四", person, null, Education.Bachelor, PoliticalStatus.Masses, "江苏省苏州市", ["SW"], new LocalDate(2026, 4, 3));
            db.RecruitmentRounds.Add(round);
            await db.SaveChangesAsync();
            roundId = round.Id;
            var other = new RecruitmentRound("2026年第二批招聘", community.Id, new LocalDate(2026, 9, 1), rules);
            other.Register(other.AddPost("社区工作者", community.Id, Post.Staff, 1), "李四", person, null, Education.Bachelor, PoliticalStatus.Masses, null, [], new LocalDate(2026, 9, 2));
            db.RecruitmentRounds.Add(other);
            await db.SaveChangesAsync();
        }
        await using (var db = tdb.Create())
        {
            var round = await db.RecruitmentRounds.Include(r => r.Posts).Include(r => r.Applicants).SingleAsync(r => r.Id == roundId);
            round.Rules.Should().BeEquivalentTo(rules);
            var applicant = round.Applicants.Single();
            (applicant.IdCard, applicant.Post).Should().Be((person, round.Posts.Single()));
            applicant.Bonuses.Should().Equal("SW");
            // A second row for the same person in the same round, bypassing the aggregate, is refused by the database.
            var sneaky = new RecruitmentRound("x", community.Id, new LocalDate(2026, 4, 1), rules);
            var clone = sneaky.Register(sneaky.AddPost("x", community.Id, Post.Staff, 1), "李四", person, null, Education.Bachelor, PoliticalStatus.Masses, null, [], new LocalDate(2026, 4, 3));
            db.Entry(clone).Property(nameof(Applicant.RoundId)).CurrentValue = roundId;
            db.Entry(clone).Property(nameof(Applicant.PostId)).CurrentValue = round.Posts.Single().Id;
            db.Entry(clone).State = EntityState.Added;
            var act = () => db.SaveChangesAsync();
            (await act.Should().ThrowAsync<DbUpdateException>()).Which.InnerException!.Message.Should().Contain("IdCardHash", "the unique (round, person) index refuses it");
        }
    }

    protected static IdCardNumber NewIdCard(LocalDate birth)
    {
        var seq = Interlocked.Increment(ref _sequence) % 999;
        var first17 = "320508" + birth.ToString("yyyyMMdd", null) + seq.ToString("000", System.Globalization.CultureInfo.InvariantCulture);
        return IdCardNumber.Parse(first17 + IdCardNumber.ComputeCheckCharacter(first17));
    }

    private static async Task<(OrgUnit Community, OrgUnit Grid, Dictionary<Post, GradeBand> Bands)> SeedTreeAsync(TestDatabase tdb)
    {
        await using var db = tdb.Create();
        var district = OrgUnit.CreateDistrict("320508", "姑苏区");
        var street = district.AddChild(OrgUnitType.Street, "320508001", "平江街道");
        var community = street.AddChild(OrgUnitType.Community, "320508001001", "桃花坞社区");
        community.SetPopulation(9000, 3500);
        var grid = community.AddChild(OrgUnitType.Grid, "32050800100101", "第1网格");
        db.OrgUnits.AddRange(district, street, community, grid);
        var bands = new Dictionary<Post, GradeBand>
        {
            [Post.Head] = new(Post.Head, new LocalDate(2000, 1, 1), 7, 18),
            [Post.Deputy] = new(Post.Deputy, new LocalDate(2000, 1, 1), 4, 15),
            [Post.Staff] = new(Post.Staff, new LocalDate(2000, 1, 1), 1, 12),
        };
        db.GradeBands.AddRange(bands.Values);
        await db.SaveChangesAsync();
        return (community, grid, bands);
    }

    private static async Task<List<string>> ReadColumnAsync(WorkforceDbContext db, string sql)
    {
        var conn = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        await using DbCommand cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        var list = new List<string>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            list.Add(reader.GetString(0));
        }
        return list;
    }
}

/// <summary>The suite on an SQLite file.</summary>
public sealed class SqlitePersistenceTests : PersistenceTests, IDisposable
{
    private readonly List<string> _files = [];

    /// <inheritdoc />
    protected override Task<TestDatabase> NewDatabaseAsync()
    {
        var file = Path.Combine(Path.GetTempPath(), $"workforce-test-{Guid.NewGuid():N}.db");
        _files.Add(file);
        return new TestDatabase(DatabaseProvider.Sqlite, $"Data Source={file};Default Timeout=60").MigrateAsync();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var f in _files)
        {
            foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
            {
                File.Delete(f + suffix);
            }
        }
    }
}

/// <summary>The suite on a real PostgreSQL server started by the tests.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresPersistenceTests(PostgresServer server) : PersistenceTests
{
    /// <inheritdoc />
    protected override async Task<TestDatabase> NewDatabaseAsync()
        => await new TestDatabase(DatabaseProvider.PostgreSql, await server.CreateDatabaseAsync()).MigrateAsync();
}
