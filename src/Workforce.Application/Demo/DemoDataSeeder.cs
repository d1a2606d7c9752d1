using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Workforce.Application.Common;
using Workforce.Application.ReservePool;
using NodaTime;
using Workforce.Data;
using Workforce.Data.Identity;
using Workforce.Domain.Certification;
using Workforce.Domain.Common;
using Workforce.Domain.Organisation;
using Workforce.Domain.Policy;
using Workforce.Domain.Workers;
using Workforce.Domain.Pay;
using Workforce.Domain.Assessment;

namespace Workforce.Application.Demo;

/// <summary>
/// Seeds a deterministic demo district (姑苏区-like: 10 streets, 100 communities, their grids,
/// workers on the three posts, the Suzhou parameter profile) and the demo accounts. Every run
/// produces the same data; running again adds nothing that is already there.
/// </summary>
public sealed class DemoDataSeeder(WorkforceDbContext db, UserManager<ApplicationUser> users, RoleManager<IdentityRole> roles, BusinessCalendar calendar, IClock clock,
    Payroll.PayRuleSets ruleSets, Payroll.GradeAdvancement advancement, Microsoft.Extensions.Options.IOptions<DemoOptions> options)
{
    /// <summary>Demo accounts and what they can do.</summary>
    public static readonly IReadOnlyList<(string User, string What)> DemoAccounts =
    [
        ("admin", "Admin, whole district, may view unmasked ID numbers"),
        ("hr", "HrOfficer, whole district"),
        ("hr.street", "HrOfficer, 平江街道 only"),
        ("payroll", "PayrollOfficer, whole district"),
        ("payroll.check", "PayrollOfficer, whole district: approves what payroll calculated (four eyes)"),
        ("trainee", "Trainee, sees only own record"),
    ];

    private const string DistrictCode = "320508";
    private static readonly LocalDate ProfileStart = new(2000, 1, 1);

    private static readonly string[] Streets = ["平江街道", "沧浪街道", "金阊街道", "双塔街道", "虎丘街道", "吴门桥街道", "白洋湾街道", "苏锦街道", "城北街道", "留园街道"];
    private static readonly string[] CommunityStems =
    [
        "桃花坞", "菉葭巷", "钮家巷", "大儒巷", "南石子街", "新桥", "胥江", "杨枝塘", "三元", "盘溪", "沧浪亭", "葑门", "百步街", "南园", "东大街",
        "石路", "留园", "彩香", "西园", "白莲", "虎阜", "山塘", "新庄", "金门", "阊门", "双塔", "定慧寺", "竹辉", "吴衙场", "十全街", "官渎里",
        "润元", "枫桥", "白洋湾", "金政", "锦阳", "苏锦", "城北", "平四", "东园", "娄门", "北园", "齐门", "相门", "干将", "凤凰街", "府前",
        "道前", "醋库巷", "书院巷", "人民桥", "南门", "吴门桥", "觅渡", "兴隆桥", "泰让桥", "友新", "蔡家桥", "石炮头", "新康", "梅巷",
    ];
    private static readonly string[] Surnames =
    [
        "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋",
        "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "肖", "田", "董", "袁", "潘", "蒋", "蔡", "沈", "姚", "陆", "顾", "钱", "严", "范", "金", "汪", "戴", "陶",
    ];
    private static readonly string[] GivenChars =
    [
        "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀", "霞", "平", "刚", "桂", "英", "华", "玲",
        "晨", "宇", "欣", "怡", "佳", "琪", "思", "雨", "婷", "浩", "然", "子", "涵", "梓", "轩", "博", "文", "嘉", "颖", "雪", "慧", "君", "晓", "燕", "红", "亮", "斌",
    ];

    /// <summary>Seeds parameters, the organisation, workers up to <paramref name="workerCount"/>, and the demo accounts.</summary>
    public async Task SeedAsync(int workerCount, string password, ILogger logger)
    {
        await SeedParametersAsync();
        var communities = await SeedOrganisationAsync();
        await SeedWorkersAsync(communities, workerCount, logger);
        await SeedAccountsAsync(password);
        await SeedTalentAsync();
        await SeedPayFactsAsync();
        await SeedAdvancementsAsync(logger);
        await SeedPayrollStartAsync();
        await SeedOpeningBalancesAsync();
        await SeedExtraDistrictsAsync(logger);
        await SeedAssessmentSchemeAsync();
        await SeedRunningFilesAsync();
    }

    /// <summary>
    /// Entries of the first street's running files (once): external trainings with hours for every third worker, a commendation
    /// for every seventh, one admonition in force (so a round shows the discipline cap), and a few residents' ratings of the
    /// trainee's worker.
    /// </summary>
    private async Task SeedRunningFilesAsync()
    {
        if (await db.ExternalTrainings.AnyAsync() || await db.ConductRecords.AnyAsync() || await db.ResidentFeedback.AnyAsync())
        {
            return;
        }
        var today = calendar.Today;
        var streetPath = await db.OrgUnits.Where(u => u.Code == DistrictCode + "001").Select(u => u.Path).SingleAsync();
        var trainee = await db.Workers.AsNoTracking().OrderBy(w => w.Id).Select(w => w.Id).FirstAsync();
        var workers = await db.Workers.AsNoTracking().Where(w => w.LeaveDate == null && db.OrgUnits.Any(u => u.Id == w.OrgUnitId && u.Path.StartsWith(streetPath)))
            .OrderBy(w => w.Id).Select(w => w.Id).ToListAsync();
        var day = new LocalDate(today.Year, 1, 1).PlusDays(Math.Min(150, today.DayOfYear - 1));
        for (var i = 0; i < workers.Count; i++)
        {
            if (i % 3 == 0)
            {
                db.ExternalTrainings.Add(new Domain.Training.ExternalTraining(workers[i], i % 2 == 0 ? "社会工作实务能力提升班" : "基层治理骨干专题培训", i % 2 == 0 ? "苏州市民政局" : "区委党校",
                    day, 8m + i % 4 * 4m, i % 2 == 0 ? $"SZMZ-{today.Year}-{i:0000}" : null, today));
            }
            if (i % 7 == 3 && workers[i] != trainee)
            {
                db.ConductRecords.Add(new ConductRecord(workers[i], ConductType.Praise, day, "平江街道党工委", "通报表扬，记入履职台账", null, $"平街党〔{today.Year}〕{i}号"));
            }
        }
        if (workers.Where((w, i) => i % 7 == 5 && w != trainee).Select(w => (long?)w).FirstOrDefault() is { } admonished)
        {
            db.ConductRecords.Add(new ConductRecord(admonished, ConductType.Admonition, day, "平江街道纪工委", "影响期内年度考核不得评为优秀", day.PlusYears(1).PlusDays(-1), $"平街纪〔{today.Year}〕3号"));
        }
        string[] comments = ["上门办理居住证，耐心细致", "帮忙联系物业修好了楼道灯", "政策讲得很清楚", "", "办事效率高"];
        for (var i = 0; i < comments.Length; i++)
        {
            db.ResidentFeedback.Add(new ResidentFeedback(trainee, i == 2 ? 4 : 5, comments[i].Length == 0 ? null : comments[i], day.PlusDays(-i * 7),
                db.Protector.KeyedToken($"demo-feedback:{i}")));
        }
        await db.SaveChangesAsync();
    }

    /// <summary>
    /// The district's assessment scheme (once): the common 30/40/30 weights, voters and lines, the 优秀 quota counted over the
    /// whole round, since the demo's communities have two or three workers each (a per-community 20 % would round to none).
    /// </summary>
    private async Task SeedAssessmentSchemeAsync()
    {
        var district = await db.OrgUnits.Where(u => u.Code == DistrictCode).Select(u => u.Id).SingleAsync();
        if (!await db.AssessmentSchemes.AnyAsync(s => s.OrgUnitId == district))
        {
            db.AssessmentSchemes.Add(new Domain.Assessment.AssessmentSchemeVersion(district,
                new Domain.Assessment.AssessmentScheme { FromYear = 2024, QuotaScope = Domain.Assessment.QuotaScope.Round }));
            await db.SaveChangesAsync();
        }
    }

    /// <summary>
    /// <see cref="DemoOptions.ExtraDistricts"/> further districts (codes 3206xx), each one street of ten communities with
    /// <see cref="DemoOptions.ExtraDistrictWorkers"/> workers generated like the demo's, going live this month; a district
    /// already present is left alone.
    /// </summary>
    private async Task SeedExtraDistrictsAsync(ILogger logger)
    {
        var bands = await db.GradeBands.AsNoTracking().ToListAsync();
        for (var d = 1; d <= options.Value.ExtraDistricts; d++)
        {
            var code = "3206" + d.ToString("00", CultureInfo.InvariantCulture);
            if (await db.OrgUnits.AnyAsync(u => u.Code == code))
            {
                continue;
            }
            var district = OrgUnit.CreateDistrict(code, $"测试{d}区");
            db.OrgUnits.Add(district);
            AddStreet(district, code + "001", $"测试{d}区第一街道", 0, new Random(d));
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
            var units = await db.OrgUnits.AsNoTracking().Where(u => u.Path.StartsWith(district.Path) && (u.Type == OrgUnitType.Community || u.Type == OrgUnitType.Grid))
                .OrderBy(u => u.Code).ToListAsync();
            var communities = units.Where(u => u.Type == OrgUnitType.Community).ToList();
            var grids = units.Where(u => u.Type == OrgUnitType.Grid).GroupBy(u => u.ParentId!.Value).ToDictionary(g => g.Key, g => g.ToList());
            var residents = communities.Sum(c => c.Residents ?? 0);
            var usedIds = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < options.Value.ExtraDistrictWorkers; i++)
            {
                var worker = MakeWorker(i, code, communities, residents, grids, bands, usedIds, out var certificate);
                usedIds.Add(worker.IdCard.Value);
                db.Workers.Add(worker);
                if (certificate is { } c)
                {
                    worker.AddCertificate(c.Level, $"{c.Number}-{code}", c.Date).Verify(c.Date.PlusDays(14), "区人事专员");
                }
                if (i % 1_000 == 999)
                {
                    await db.SaveChangesAsync();
                    db.ChangeTracker.Clear();
                }
            }
            var today = calendar.Today;
            db.PayrollStarts.Add(new PayrollStart(district.Id, new YearMonth(today.Year, today.Month), "demo", clock.GetCurrentInstant()));
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
            await SeedOpeningBalancesAsync(district.Id, district.Path);
            logger.LogInformation("Seeded district {Code} with {Count} workers", code, options.Value.ExtraDistrictWorkers);
        }
    }

    /// <summary>
    /// The annual advancements (R1) the demo's ratings earn, recorded as the yearly job would have on each 1 January since
    /// the first rated year, so the registry, the lists and the payslips show one grade (running again adds nothing).
    /// </summary>
    private async Task SeedAdvancementsAsync(ILogger logger)
    {
        if (!options.Value.RecordAdvancements || await db.AnnualAssessments.MinAsync(a => (int?)a.Year) is not { } first)
        {
            return;
        }
        for (var year = first + 1; year <= calendar.Today.Year; year++)
        {
            var result = await advancement.AdvanceAsync(year, null, default);
            if (result.Value is { Advanced: > 0 } r)
            {
                logger.LogInformation("Recorded the {Year} advancement of {Count} demo workers", year, r.Advanced);
            }
        }
    }

    /// <summary>The demo district goes live this month (a payroll officer may change it until a month is locked).</summary>
    private async Task SeedPayrollStartAsync()
    {
        var district = await db.OrgUnits.AsNoTracking().Where(u => u.Code == DistrictCode).Select(u => u.Id).SingleAsync();
        if (!await db.PayrollStarts.AnyAsync(s => s.DistrictId == district))
        {
            var today = calendar.Today;
            db.PayrollStarts.Add(new PayrollStart(district, new YearMonth(today.Year, today.Month), "demo", clock.GetCurrentInstant()));
            await db.SaveChangesAsync();
        }
    }

    /// <summary>
    /// Opening balances (期初累计) for the months of this year before the demo district's first month, as the previous
    /// system would have paid them: each worker in service in the month before go-live is computed by the engine from
    /// January (or the hire month) with the same facts and rules, and the cumulative figures are stored (once, in bulk).
    /// So a first run of the go-live month withholds tax as if the whole year had been computed here.
    /// </summary>
    private async Task SeedOpeningBalancesAsync()
    {
        var district = await db.OrgUnits.AsNoTracking().Where(u => u.Code == DistrictCode).Select(u => new { u.Id, u.Path }).SingleAsync();
        await SeedOpeningBalancesAsync(district.Id, district.Path);
    }

    // The opening balances of one district (none when it goes live in January or already holds some).
    private async Task SeedOpeningBalancesAsync(long districtId, string districtPath)
    {
        var first = await db.PayrollStarts.AsNoTracking().Where(s => s.DistrictId == districtId).Select(s => s.FirstMonth).SingleAsync();
        var inDistrict = db.Workers.UnderPath(db, districtPath).Select(w => w.Id);
        if (first.Month == 1 || await db.OpeningBalances.AnyAsync(b => inDistrict.Contains(b.WorkerId)))
        {
            return;
        }
        var asOf = first.PlusMonths(-1);
        var rules = await ruleSets.GetAsync(db);
        var entries = await Payroll.PayrollFacts.LoadAsync(db, districtPath, asOf, default);
        await using var tx = await db.Database.BeginTransactionAsync();
        await using (var rows = BulkInsert.For<OpeningBalance>(db, 200, nameof(OpeningBalance.WorkerId), nameof(OpeningBalance.AsOf), nameof(OpeningBalance.IncomeFen),
            nameof(OpeningBalance.DeductionMonths), nameof(OpeningBalance.SpecialFen), nameof(OpeningBalance.AdditionalFen), nameof(OpeningBalance.TaxFen),
            nameof(OpeningBalance.ReserveFen), nameof(OpeningBalance.GrossFen)))
        {
            foreach (var entry in entries)
            {
                var ytd = Workforce.Payroll.Facts.YearToDate.Empty(asOf.Year);
                var facts = entry.Facts;
                var months = 0;
                for (var m = new YearMonth(asOf.Year, 1); m <= asOf; m = m.PlusMonths(1))
                {
                    var start = m.OnDayOfMonth(1);
                    if (entry.Facts.HireDate > start.PlusMonths(1).PlusDays(-1) || (entry.Facts.LeaveDate is { } left && left < start))
                    {
                        continue;
                    }
                    var payslip = Workforce.Payroll.Engine.PayrollEngine.Calculate(m, facts, ytd, rules.ForPeriod(m));
                    facts = facts.WithSettledAwards(payslip.SettledAwards);
                    ytd = ytd.Add(payslip);
                    months = payslip.TaxWorksheet.Months;
                }
                if (months == 0)
                {
                    continue;
                }
                object[] values = [entry.Facts.WorkerId, asOf, ytd.TaxableIncome.Fen, months, ytd.SpecialDeductions.Fen, ytd.SpecialAdditionalDeductions.Fen,
                    ytd.TaxWithheld.Fen, ytd.PerformanceReserve.Fen, ytd.GrossPaid.Fen];
                for (var i = 0; i < values.Length; i++)
                {
                    rows.Set(i, values[i]);
                }
                await rows.EndRowAsync(default);
            }
            await rows.FlushAsync(default);
        }
        await tx.CommitAsync();
    }

    /// <summary>
    /// Demo pay facts (once, written in bulk like the payroll's own rows, not audited row by row): annual
    /// ratings for 2023–2025 (about 15% 优秀, 80% 合格, 4% 基本合格, 1% 不合格), governance-leader
    /// recognitions for one head in twenty for 2025 and 2026, and a salary account for every worker.
    /// </summary>
    private async Task SeedPayFactsAsync()
    {
        if (await db.AnnualAssessments.AnyAsync())
        {
            return;
        }
        var workers = await db.Workers.AsNoTracking().OrderBy(w => w.Id).Select(w => new { w.Id, w.HireDate }).ToListAsync();
        var heads = await db.PostAssignments.AsNoTracking().Where(a => a.Post == Post.Head && a.End == null).Select(a => a.WorkerId).Distinct().ToListAsync();
        await using var tx = await db.Database.BeginTransactionAsync();
        await using (var ratings = BulkInsert.For<AnnualAssessment>(db, 200, nameof(AnnualAssessment.WorkerId), nameof(AnnualAssessment.Year),
            nameof(AnnualAssessment.Rating), nameof(AnnualAssessment.RecordedOn)))
        {
            foreach (var w in workers)
            {
                for (var year = 2023; year <= 2025; year++)
                {
                    if (w.HireDate.Year > year)
                    {
                        continue;
                    }
                    var roll = (int)((w.Id * 7919 + year * 104729) % 100);
                    ratings.Set(0, w.Id);
                    ratings.Set(1, year);
                    ratings.Set(2, roll < 15 ? AssessmentRating.Excellent : roll < 95 ? AssessmentRating.Qualified : roll < 99 ? AssessmentRating.BasicallyQualified : AssessmentRating.Unqualified);
                    ratings.Set(3, new LocalDate(year + 1, 1, 20));
                    await ratings.EndRowAsync(default);
                }
            }
            await ratings.FlushAsync(default);
        }
        await using (var leaders = BulkInsert.For<LeaderRecognition>(db, 200, nameof(LeaderRecognition.WorkerId), nameof(LeaderRecognition.Year),
            nameof(LeaderRecognition.Document), nameof(LeaderRecognition.RecognisedOn)))
        {
            foreach (var id in heads.Where((_, i) => i % 20 == 0))
            {
                foreach (var year in new[] { 2025, 2026 })
                {
                    leaders.Set(0, id);
                    leaders.Set(1, year);
                    leaders.Set(2, $"姑组发〔{year}〕{10 + id % 90}号");
                    leaders.Set(3, new LocalDate(year, 3, 1));
                    await leaders.EndRowAsync(default);
                }
            }
            await leaders.FlushAsync(default);
        }
        string[] banks = ["中国工商银行苏州姑苏支行", "中国农业银行苏州分行营业部", "中国建设银行苏州平江支行", "苏州银行姑苏支行"];
        await using (var accounts = BulkInsert.For<BankAccount>(db, 200, nameof(BankAccount.WorkerId), nameof(BankAccount.BankName), nameof(BankAccount.Number)))
        {
            foreach (var w in workers)
            {
                accounts.Set(0, w.Id);
                accounts.Set(1, banks[w.Id % banks.Length]);
                accounts.Set(2, BankAccountNumber.Parse("6222" + (320500000000000L + w.Id).ToString(CultureInfo.InvariantCulture)));
                await accounts.EndRowAsync(default);
            }
            await accounts.FlushAsync(default);
        }
        await tx.CommitAsync();
    }

    private async Task SeedParametersAsync()
    {
        if (!await db.GradeBands.AnyAsync())
        {
            db.GradeBands.AddRange(
                new GradeBand(Post.Head, ProfileStart, 7, 18),
                new GradeBand(Post.Deputy, ProfileStart, 4, 15),
                new GradeBand(Post.Staff, ProfileStart, 1, 12));
        }
        // Each parameter is seeded once, by code, so a database seeded by an older release gets the new ones.
        (string Code, decimal Value, string Note)[] parameters =
        [
            (PolicyParameter.StaffingPer10kResidents, 18m, "每万城镇常住人口配备社区工作者 18 人"),
            (PolicyParameter.YoungWorkerAgeLimit, 40m, "年轻干部：40 岁以下"),
            .. ReservePoolParameters.Defaults,
            (Domain.Training.TrainingHours.RequirementCode(Post.Head), 48m, "年度培训学时要求（正职，演示值）"),
            (Domain.Training.TrainingHours.RequirementCode(Post.Deputy), 40m, "年度培训学时要求（副职，演示值）"),
            (Domain.Training.TrainingHours.RequirementCode(Post.Staff), 32m, "年度培训学时要求（其他社区工作者，演示值）"),
            (PolicyParameter.SignInMinutesBefore, 30m, "开课前 30 分钟起可扫码签到"),
        ];
        var present = await db.PolicyParameters.Select(p => p.Code).Distinct().ToListAsync();
        db.PolicyParameters.AddRange(parameters.Where(p => !present.Contains(p.Code)).Select(p => new PolicyParameter(p.Code, ProfileStart, p.Value, p.Note)));
        await db.SaveChangesAsync();
    }

    private async Task<List<OrgUnit>> SeedOrganisationAsync()
    {
        if (!await db.OrgUnits.AnyAsync())
        {
            var random = new Random(20_261_122);
            var district = OrgUnit.CreateDistrict(DistrictCode, "姑苏区");
            db.OrgUnits.Add(district);
            for (var s = 0; s < Streets.Length; s++)
            {
                AddStreet(district, DistrictCode + (s + 1).ToString("000", CultureInfo.InvariantCulture), Streets[s], s * 10, random);
            }
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }
        return await db.OrgUnits.AsNoTracking().Where(u => u.Type == OrgUnitType.Community || u.Type == OrgUnitType.Grid).OrderBy(u => u.Code).ToListAsync();
    }

    // A street of ten communities (names from the stems, from the stemth on), each with its population and grids of about 1,800 residents.
    private void AddStreet(OrgUnit district, string code, string name, int stem, Random random)
    {
        var street = district.AddChild(OrgUnitType.Street, code, name);
        db.OrgUnits.Add(street);
        for (var c = 0; c < 10; c++, stem++)
        {
            var communityName = CommunityStems[stem % CommunityStems.Length] + (stem >= CommunityStems.Length ? "二" : string.Empty) + "社区";
            var community = street.AddChild(OrgUnitType.Community, street.Code + (c + 1).ToString("000", CultureInfo.InvariantCulture), communityName);
            var residents = random.Next(4_000, 14_000);
            community.SetPopulation(residents, (int)(residents / (2.4 + random.NextDouble() * 0.6)));
            db.OrgUnits.Add(community);
            var gridCount = Math.Max(3, residents / 1_800);
            for (var g = 0; g < gridCount; g++)
            {
                var grid = community.AddChild(OrgUnitType.Grid, community.Code + (g + 1).ToString("00", CultureInfo.InvariantCulture), $"第{g + 1}网格");
                var share = residents / gridCount;
                grid.SetPopulation(share, (int)(share / 2.7));
                db.OrgUnits.Add(grid);
            }
        }
    }

    private async Task SeedWorkersAsync(List<OrgUnit> units, int target, ILogger logger)
    {
        var existing = await db.Workers.CountAsync();
        if (existing >= target)
        {
            return;
        }
        var bands = await db.GradeBands.AsNoTracking().ToListAsync();
        var communities = units.Where(u => u.Type == OrgUnitType.Community).ToList();
        var gridsByCommunity = units.Where(u => u.Type == OrgUnitType.Grid).GroupBy(u => u.ParentId!.Value).ToDictionary(g => g.Key, g => g.ToList());
        var totalResidents = communities.Sum(c => c.Residents ?? 0);
        logger.LogInformation("Seeding workers {From}..{To}", existing + 1, target);

        // Worker i is always generated from the same random stream, so a run that adds workers
        // continues exactly where the previous one stopped.
        var usedIds = new HashSet<string>(StringComparer.Ordinal);
        const int batchSize = 1_000;
        for (var start = 0; start < target; start += batchSize)
        {
            var end = Math.Min(target, start + batchSize);
            if (end <= existing)
            {
                // Still draw the ids of already-seeded workers so later ones stay unique and identical.
                for (var i = start; i < end; i++)
                {
                    usedIds.Add(MakeWorker(i, DistrictCode, communities, totalResidents, gridsByCommunity, bands, usedIds, out _).IdCard.Value);
                }
                continue;
            }
            for (var i = start; i < end; i++)
            {
                var worker = MakeWorker(i, DistrictCode, communities, totalResidents, gridsByCommunity, bands, usedIds, out var certificate);
                usedIds.Add(worker.IdCard.Value);
                if (i < existing)
                {
                    continue;
                }
                db.Workers.Add(worker);
                if (certificate is { } c)
                {
                    var added = worker.AddCertificate(c.Level, c.Number, c.Date);
                    // Most seeded certificates have been checked against the originals; a fifth await verification.
                    if (i % 5 != 0)
                    {
                        added.Verify(c.Date.PlusDays(14), "区人事专员");
                    }
                }
            }
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
            if (end % 10_000 == 0)
            {
                logger.LogInformation("Seeded {Count} workers", end);
            }
        }
    }

    private static Worker MakeWorker(int i, string districtCode, List<OrgUnit> communities, int totalResidents, Dictionary<long, List<OrgUnit>> grids, List<GradeBand> bands, HashSet<string> usedIds, out (CertificateLevel Level, string Number, LocalDate Date)? certificate)
    {
        var random = new Random(1_000_003 * (i + 1));
        // Communities get workers in proportion to residents, with the first slots of each
        // community going to its secretary and deputies.
        var community = PickCommunity(i, communities, totalResidents);
        var slot = i / communities.Count;
        var post = slot == 0 ? Post.Head : slot <= 2 ? Post.Deputy : Post.Staff;
        if (i >= communities.Count * 15)
        {
            post = Post.Staff;
        }

        var age = post == Post.Head ? random.Next(30, 56) : random.Next(22, 55);
        var birth = new LocalDate(2026 - age, random.Next(1, 13), random.Next(1, 29));
        var female = random.Next(100) < 62;
        string idCard;
        do
        {
            var seq = random.Next(0, 500) * 2 + (female ? 0 : 1);
            // The demo's region codes are 320501–320509; a further district's is its own code, so no two districts share a number.
            var region = DistrictCode[..4] + random.Next(1, 10).ToString("00", CultureInfo.InvariantCulture);
            var first17 = string.Concat(
                districtCode == DistrictCode ? region : districtCode,
                birth.ToString("yyyyMMdd", CultureInfo.InvariantCulture), seq.ToString("000", CultureInfo.InvariantCulture));
            idCard = first17 + IdCardNumber.ComputeCheckCharacter(first17);
        }
        while (usedIds.Contains(idCard));

        var name = Surnames[random.Next(Surnames.Length)] + GivenChars[random.Next(GivenChars.Length)] + (random.Next(100) < 70 ? GivenChars[random.Next(GivenChars.Length)] : string.Empty);
        var phone = PhoneNumber.Parse("1" + random.Next(3, 10).ToString(CultureInfo.InvariantCulture) + random.Next(0, 1_000_000_000).ToString("000000000", CultureInfo.InvariantCulture));
        var eduRoll = random.Next(100);
        var education = eduRoll < 3 ? Education.HighSchool : eduRoll < 6 ? Education.Vocational : eduRoll < 38 ? Education.College : eduRoll < 92 ? Education.Bachelor : Education.Master;
        var partyRoll = random.Next(100);
        var political = post != Post.Staff || partyRoll < 45 ? Domain.Workers.PoliticalStatus.PartyMember : partyRoll < 52 ? Domain.Workers.PoliticalStatus.ProbationaryPartyMember : partyRoll < 70 ? Domain.Workers.PoliticalStatus.YouthLeague : Domain.Workers.PoliticalStatus.Masses;
        var earliestHire = birth.PlusYears(21);
        var hireYear = Math.Max(earliestHire.Year + 1, 2026 - random.Next(0, Math.Min(22, age - 20)));
        var hire = new LocalDate(Math.Min(hireYear, 2025), random.Next(1, 13), 1);

        var worker = Worker.Register(name, IdCardNumber.Parse(idCard), phone, education, political, hire, community);
        // A grade drawn from the bottom of the band up by the years served; the worker keeps it inside the band.
        var floor = bands.Where(b => b.Post == post).Min(b => b.MinGrade);
        worker.PlaceInPost(post, floor + random.Next(0, 2 + (2026 - hire.Year) / 3), community, hire, bands);
        if (post == Post.Staff && grids.TryGetValue(community.Id, out var communityGrids))
        {
            // Leave the last grid of every seventh community uncovered, so the dashboard has something to flag.
            var coverable = community.Id % 7 == 0 ? communityGrids.Count - 1 : communityGrids.Count;
            var index = (slot - 3) % Math.Max(1, communityGrids.Count);
            if (index < coverable && index >= 0)
            {
                worker.AssignGrid(communityGrids[index], hire);
            }
        }
        certificate = null;
        var certRoll = random.Next(100);
        if (certRoll < 18)
        {
            var level = certRoll < 11 ? CertificateLevel.AssistantSocialWorker : certRoll < 17 ? CertificateLevel.SocialWorker : CertificateLevel.SeniorSocialWorker;
            var year = Math.Min(2025, Math.Max(hire.Year, 2010 + random.Next(0, 16)));
            certificate = (level, $"SW{year}{(int)level}{i + 1:000000}", new LocalDate(year, random.Next(1, 13), 15));
        }
        return worker;
    }

    private static OrgUnit PickCommunity(int i, List<OrgUnit> communities, int totalResidents)
    {
        // Round-robin for the first 15 slots of each community (secretary, deputies, core staff),
        // then weighted by residents so some communities fall below the staffing standard.
        var n = communities.Count;
        if (i < n * 15)
        {
            return communities[i % n];
        }
        var point = (int)((long)(i * 7_919L) % totalResidents);
        foreach (var c in communities)
        {
            point -= c.Residents ?? 0;
            if (point < 0)
            {
                return c;
            }
        }
        return communities[^1];
    }

    private async Task SeedAccountsAsync(string password)
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }
        var district = await db.OrgUnits.AsNoTracking().SingleAsync(u => u.Code == DistrictCode);
        var street = await db.OrgUnits.AsNoTracking().SingleAsync(u => u.Code == DistrictCode + "001");
        var traineeWorker = await db.Workers.AsNoTracking().OrderBy(w => w.Id).Select(w => new { w.Id, w.Name }).FirstAsync();
        await EnsureUserAsync("admin", "系统管理员", password, Roles.Admin, district.Id, null, viewPersonalData: true);
        await EnsureUserAsync("hr", "区人事专员", password, Roles.HrOfficer, district.Id, null, viewPersonalData: false);
        await EnsureUserAsync("hr.street", street.Name + "人事专员", password, Roles.HrOfficer, street.Id, null, viewPersonalData: false);
        await EnsureUserAsync("payroll", "区薪酬专员", password, Roles.PayrollOfficer, district.Id, null, viewPersonalData: false);
        await EnsureUserAsync("payroll.check", "区薪酬复核员", password, Roles.PayrollOfficer, district.Id, null, viewPersonalData: false);
        await EnsureUserAsync("trainee", traineeWorker.Name, password, Roles.Trainee, null, traineeWorker.Id, viewPersonalData: false);
    }

    /// <summary>
    /// Demo talent data (once): reserves in the communities of 平江街道 (some compliant, some short),
    /// a learning camp for the district with the demo trainee and the reserves enrolled and part of the
    /// sessions held, a 老书记带新书记 pairing with gaps in its check-ins, and a shadowing placement in 东莞.
    /// </summary>
    private async Task SeedTalentAsync()
    {
        if (await db.ReserveEntries.AnyAsync() || await db.TrainingCamps.AnyAsync())
        {
            return;
        }
        var district = await db.OrgUnits.AsNoTracking().SingleAsync(u => u.Code == DistrictCode);
        var streetPath = await db.OrgUnits.Where(u => u.Code == DistrictCode + "001").Select(u => u.Path).SingleAsync();
        var communities = await db.OrgUnits.AsNoTracking().Where(u => u.Type == OrgUnitType.Community && u.Path.StartsWith(streetPath)).OrderBy(u => u.Code).ToListAsync();
        var trainee = await db.Workers.AsNoTracking().OrderBy(w => w.Id).Select(w => w.Id).FirstAsync();
        var reserves = new List<long>();
        var heads = new List<(long Id, long Community)>();
        for (var c = 0; c < communities.Count; c++)
        {
            var staff = await db.Workers.AsNoTracking().Where(w => w.OrgUnitId == communities[c].Id && w.LeaveDate == null && w.Id != trainee)
                .OrderBy(w => w.Id).Select(w => new { w.Id, Head = w.PostAssignments.Any(a => a.End == null && a.Post == Post.Head) }).ToListAsync();
            heads.AddRange(staff.Where(s => s.Head).Select(s => (s.Id, communities[c].Id)));
            var wanted = c < 4 ? 2 : c < 6 ? 1 : 0;
            foreach (var w in staff.Where(s => !s.Head).Take(wanted))
            {
                var entry = Domain.ReservePool.ReserveEntry.Nominate(w.Id, communities[c].Id,
                    (Domain.ReservePool.NominationSource)(1 + reserves.Count % 3), new LocalDate(2026, 1, 5), "2026 年度后备人才推荐");
                entry.Vet(true, new LocalDate(2026, 1, 20), "经组织考察，政治素质好，群众基础扎实");
                for (var month = 2; month <= 10 - reserves.Count % 4; month++)
                {
                    entry.AddReview(Domain.ReservePool.ReviewPeriod.Monthly, new LocalDate(2026, month, 25),
                        month % 4 == 0 ? Domain.Assessment.AssessmentRating.Excellent : Domain.Assessment.AssessmentRating.Qualified, "按月完成成长任务清单", "平江街道组织委员");
                }
                db.ReserveEntries.Add(entry);
                reserves.Add(w.Id);
            }
        }
        await db.SaveChangesAsync();

        var camp = new Domain.Training.TrainingCamp("2026年姑苏区社区后备人才学习成长营（第一期）", district.Id, new LocalDate(2026, 3, 1), new LocalDate(2026, 12, 31), 80, true);
        (Domain.Training.ModuleKind Kind, string Title, Domain.Training.CourseTrack Track, bool Required, int Sessions)[] plan =
        [
            (Domain.Training.ModuleKind.SmallClass, "习近平新时代中国特色社会主义思想专题", Domain.Training.CourseTrack.Political, true, 4),
            (Domain.Training.ModuleKind.SmallClass, "基层党建实务", Domain.Training.CourseTrack.Political, true, 3),
            (Domain.Training.ModuleKind.WeekendClass, "矛盾纠纷调解实务", Domain.Training.CourseTrack.Professional, false, 3),
            (Domain.Training.ModuleKind.WeekendClass, "应急处置与网格服务", Domain.Training.CourseTrack.Professional, true, 3),
            (Domain.Training.ModuleKind.Practice, "社区治理实战项目", Domain.Training.CourseTrack.Professional, true, 2),
            (Domain.Training.ModuleKind.FollowUp, "跟踪回访与个人成长规划", Domain.Training.CourseTrack.Professional, false, 2),
        ];
        var modules = Enum.GetValues<Domain.Training.ModuleKind>().ToDictionary(k => k, k => camp.AddModule(k, k switch
        {
            Domain.Training.ModuleKind.SmallClass => "小班施教",
            Domain.Training.ModuleKind.WeekendClass => "周末课堂",
            Domain.Training.ModuleKind.Practice => "实战深耕",
            _ => "跟踪培养",
        }));
        var day = new LocalDate(2026, 3, 7);
        foreach (var (kind, title, track, required, sessions) in plan)
        {
            var course = modules[kind].AddCourse(title, track, required, required ? 60m : null);
            for (var n = 0; n < sessions; n++)
            {
                camp.AddSession(course, day, new LocalTime(9, 0), new LocalTime(11, 30), kind == Domain.Training.ModuleKind.Practice ? "所在社区" : "姑苏区委党校 201 教室",
                    track == Domain.Training.CourseTrack.Political ? "区委党校 王老师" : "市社工协会 张老师");
                day = day.PlusDays(17);
            }
        }
        db.TrainingCamps.Add(camp);
        await db.SaveChangesAsync();
        var cohort = reserves.Append(trainee).Distinct().ToList();
        db.Enrolments.AddRange(cohort.Select(w => new Domain.Training.Enrolment(camp.Id, w, new LocalDate(2026, 3, 1))));
        var held = camp.Sessions.Where(s => s.Date < new LocalDate(2026, 11, 1)).ToList();
        for (var k = 0; k < cohort.Count; k++)
        {
            for (var n = 0; n < held.Count; n++)
            {
                db.Attendances.Add(new Domain.Training.Attendance(held[n].Id, cohort[k], (n + k) % 7 != 3));
            }
        }
        foreach (var course in camp.Modules.SelectMany(m => m.Courses).Where(c => c.Sessions.All(s => s.Date < new LocalDate(2026, 11, 1))))
        {
            for (var k = 0; k < cohort.Count; k++)
            {
                var result = new Domain.Training.CourseResult(course.Id, cohort[k]);
                result.Record(true, 55 + (k * 7 + course.Title.Length) % 40);
                db.CourseResults.Add(result);
            }
        }
        if (heads.Count > 0 && reserves.Count >= 2)
        {
            var pairing = new Domain.Mentorship.Mentorship(Domain.Mentorship.MentorshipKind.SecretaryToSecretary, heads[0].Id, [reserves[0], reserves[1]],
                heads[0].Community, new LocalDate(2026, 3, 1), new LocalDate(2027, 2, 28), "一年内熟悉社区党建、网格治理和群众工作全流程，独立牵头一个治理项目");
            for (var month = 3; month <= 8; month++)
            {
                pairing.RecordCheckIn(Domain.Mentorship.CheckInKind.MonthlyTalk, new LocalDate(2026, month, 10), "结合社区实际谈心谈话，布置下月任务");
            }
            pairing.RecordCheckIn(Domain.Mentorship.CheckInKind.QuarterlyReview, new LocalDate(2026, 5, 28), "季度点评：进步明显，需加强群众工作方法");
            db.Mentorships.Add(pairing);
        }
        foreach (var (id, community) in heads.Take(3))
        {
            var placement = new Domain.Mentorship.ShadowingPlacement(id, community, "东莞市南城街道党工委", "东莞", new LocalDate(2026, 5, 10), new LocalDate(2026, 5, 24));
            if (id == heads[0].Id)
            {
                placement.FileReport("学习了“党建引领、网格治理”的经验做法，已形成本社区改进方案。", new LocalDate(2026, 6, 3));
            }
            db.ShadowingPlacements.Add(placement);
        }
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
    }

    private async Task EnsureUserAsync(string userName, string displayName, string password, string role, long? orgUnitId, long? workerId, bool viewPersonalData)
    {
        if (await users.FindByNameAsync(userName) is not null)
        {
            return;
        }
        var user = new ApplicationUser { UserName = userName, DisplayName = displayName, OrgUnitId = orgUnitId, WorkerId = workerId };
        Check(await users.CreateAsync(user, password));
        Check(await users.AddToRoleAsync(user, role));
        if (viewPersonalData)
        {
            Check(await users.AddClaimAsync(user, new Claim(Permissions.ClaimType, Permissions.ViewPersonalData)));
        }
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Seeding a demo account failed: " + string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
