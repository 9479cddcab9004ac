using System.Globalization;
using AfterSales.Domain.Discipline;
using AfterSales.Web.Data;
using AfterSales.Web.Infrastructure.Identity;
using Bogus;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace AfterSales.Web.Infrastructure.Seeding;

/// <summary>
/// Reward and penalty records for benchmarks (<c>seed --records 500000</c>): facts over the current and the
/// four previous calendar years, for all staff (technicians most), under the catalog's articles that apply
/// to each person's role. Each record is made through the domain — proposed by a manager, decided by
/// another manager, never by the employee — then written with COPY. Mix: about 85% approved, 5% proposed
/// (facts of the last three months), 5% rejected, 3% upheld and 2% overturned on appeal. Running it
/// again adds only what is missing to reach the count.
/// </summary>
public sealed class DisciplineSeeder(AfterSalesDbContext db, CompanyClock clock, ILogger<DisciplineSeeder> logger)
{
    private enum Outcome
    {
        Approved,
        Proposed,
        Rejected,
        Upheld,
        Overturned,
    }

    private sealed record Employee(string Id, string Role, string? Department);

    // Who is proposed for what: per person, technicians more often than office staff.
    private static readonly Dictionary<string, double> RoleWeight = new()
    {
        [Roles.Technician] = 1.3, [Roles.Desk] = 1.0, [Roles.Dispatcher] = 0.7, [Roles.Quality] = 0.6, [Roles.Manager] = 0.4, [Roles.Admin] = 0.3,
    };

    // Roles in order of precedence when someone holds several.
    private static readonly string[] RoleOrder = [Roles.Technician, Roles.Desk, Roles.Dispatcher, Roles.Quality, Roles.Manager, Roles.Admin];

    // Labour-hour articles are proposed by the daily scan from the hours actually worked, not by hand.
    private static readonly RuleTrigger[] ScanOnly = [RuleTrigger.MonthlyHours, RuleTrigger.HalfYearHours, RuleTrigger.YearHours];

    private static readonly Dictionary<string, string[]> EvidenceByArticle = new()
    {
        ["P3-1.1"] = ["本月接待台次 {n} 台，居服务顾问第一名", "本月产值与精品销售均列第一，经部门考核确认"],
        ["P3-1.2"] = ["月度 6S 检查评比第一名，工位整洁、资料归档规范"],
        ["P3-1.3"] = ["提出派工单与备件领用合并填写的建议，已在{dept}试行，每单节省约 {m} 分钟", "建议回访话术分类模板，已采纳并推广", "提出上门服务路线按片区排班，减少往返时间"],
        ["P3-1.4"] = ["单台维修产值 {money} 元，已全额结清"],
        ["P3-2.1"] = ["{d}早会检查未佩戴工牌", "{d}上午接待客户时未穿工装"],
        ["P3-2.2"] = ["{d}工作服油污明显，经主管提醒仍未更换"],
        ["P3-2.3"] = ["{d}在接待室乱扔烟头，监控可查"],
        ["P3-2.4"] = ["{d}电话中与客户争执，使用不文明用语，录音可查", "与同事发生口角时使用粗话，客户在场"],
        ["P3-2.5"] = ["{d}下午值班时间离岗约 {m} 分钟，未报备", "午休后未按时回到岗位，来电 {n} 个未接"],
        ["P3-2.6"] = ["客户{customer}到店后等待 {m} 分钟无人接待，客户投诉", "约定上门时间迟到两小时以上且未提前告知客户{customer}", "维修超期未与客户{customer}沟通进度"],
        ["P3-2.7"] = ["备件未及时交接导致客户{customer}二次上门，回访评价“差”", "客服与维修站信息未同步，客户{customer}重复报修三次"],
        ["P3-2.8"] = ["{d}未经授权移动客户车辆"],
        ["P3-2.9"] = ["{d}私自将送修车辆开出厂区，门卫登记为证"],
        ["P3-2.11"] = ["{d}下班后办公室空调、电脑未关闭，值班巡查记录"],
        ["P3-2.12"] = ["{d}搬运设备时损坏接待区玻璃门，已照价赔偿"],
        ["P5-20"] = ["{d}外出送件途中无故滞留，未按时完成任务", "{d}上班时间饮酒，经主管当场确认"],
        ["P5-20b"] = ["带领下属外出期间集体未执行派工任务，经调查属实"],
        ["P5-23"] = ["向外部人员泄露客户资料，经调查属实"],
        ["P5-26a"] = ["{d}例会上言语顶撞主管，影响会议秩序"],
        ["P5-26b"] = ["拒不执行主管安排的周末值班，经两次书面通知"],
        ["P5-28"] = ["{d}应交月度服务报表逾期未交", "维修日报连续 {k} 天未按时提交"],
        ["P5-29"] = ["改进{dept}压缩机更换流程，单台工时由 {k} 小时降至 {l} 小时", "提出冷媒回收再利用方法，每月节约耗材约 {money} 元"],
        ["P5-30"] = ["额外服务收入 {income} 元已及时上交财务，按规定提成 20%"],
        ["P5-31"] = ["上门服务受到客户{customer}书面表扬，锦旗一面", "促销活动期间完成安装 {n} 台，零投诉"],
        ["P5-32d"] = ["连续三年完成工时定额，人事档案可查"],
        ["P5-33"] = ["与客户串通虚报配件更换，经审计查实"],
        ["P5-35"] = ["{d}外出上门途中无故返回，未完成派工", "{d}上班时间饮酒后上门服务，客户{customer}投诉"],
        ["P5-37"] = ["{k} 张维修单未按规定建档，质检抽查发现", "维修档案缺少客户签字与配件记录"],
        ["P5-38a"] = ["{d}派工时言语顶撞站长"],
        ["P5-38b"] = ["{d}全天仅完成 1 单，无正当理由拖延其余派工"],
        ["P5-38c"] = ["拒不接受紧急派工，导致客户{customer}投诉升级"],
        ["P5-39"] = ["{d}驾驶送修车辆办理私事，行车记录可查"],
        ["P5-40"] = ["收费维修 {money} 元未上交，客户收据为证"],
        ["P14-4"] = ["客户{customer}投诉超过 24 小时未上报，客户越级投诉至总部"],
    };

    private static readonly string[] ApprovalNotes = ["属实", "情况属实，同意", "核实无误", "同意"];

    private static readonly string[] RejectionNotes =
        ["证据不足，请补充维修单和客户签字后重新提交", "经核实系客户原因改约，不予处理", "与已批准的记录重复", "事实日期有误，请核对后重新提出", "适用条款不当，请按正确条款重新提出"];

    private static readonly string[] AppealReasons =
        ["当天暴雨交通管制，无法按时到达，有交警通报为证", "客户已书面撤回投诉", "该工单次日上午已交回，登记有误", "工牌当天遗失，已申请补办", "当时在处理另一紧急派工，已报备调度", "录音中不文明用语并非本人所说"];

    private static readonly string[] UpheldNotes = ["复核后维持原决定", "证据充分，申诉不成立", "经复核，维持原处理"];

    private static readonly string[] OverturnedNotes = ["复核属实，撤销该记录", "申诉理由成立，记录作废", "经调查系登记错误，撤销"];

    /// <summary>Adds records until there are <paramref name="total"/>; returns how many were added.</summary>
    public async Task<int> SeedAsync(NpgsqlConnection connection, int total, int randomSeed, CancellationToken cancellationToken)
    {
        var existing = await db.DisciplineRecords.CountAsync(cancellationToken);
        if (existing >= total)
        {
            return 0;
        }

        var rules = (await db.DisciplineRules.AsNoTracking().Where(r => r.Active).ToListAsync(cancellationToken))
            .Where(r => r.Audience != RuleAudience.Sales && !ScanOnly.Contains(r.Trigger))
            .ToList();
        var staff = (await (from u in db.Users
                            join ur in db.UserRoles on u.Id equals ur.UserId
                            join r in db.Roles on ur.RoleId equals r.Id
                            where !u.IsDisabled
                            select new { u.Id, Role = r.Name!, u.Department }).ToListAsync(cancellationToken))
            .GroupBy(u => u.Id)
            .Select(g => new Employee(g.Key, RoleOrder.First(role => g.Any(u => u.Role == role)), g.First().Department))
            .OrderBy(e => e.Id, StringComparer.Ordinal)
            .ToList();
        var managers = staff.Where(e => e.Role == Roles.Manager).ToList();
        if (managers.Count < 3 || rules.Count == 0)
        {
            throw new InvalidOperationException("Reward and penalty records need the rule catalog and at least three managers (one proposes, another decides, neither about themselves).");
        }

        var count = total - existing;
        var faker = new Faker("zh_CN") { Random = new Randomizer(randomSeed + existing) };

        // Some people collect far more records than others.
        var cumulative = new double[staff.Count];
        var sum = 0.0;
        for (var i = 0; i < staff.Count; i++)
        {
            var propensity = 0.3 + 1.7 * Math.Pow(faker.Random.Double(), 2);
            sum += RoleWeight[staff[i].Role] * propensity;
            cumulative[i] = sum;
        }

        var rulesByRole = RoleOrder.ToDictionary(role => role, role => RuleMix(rules, role));
        var penaltiesByRole = RoleOrder.ToDictionary(role => role, role => RuleMix([.. rules.Where(r => r.Kind == RuleKind.Penalty)], role));
        var today = clock.Today;
        var now = clock.UtcNow;
        var firstDay = new DateOnly(today.Year - 4, 1, 1);
        var lastDecidedFact = today.AddDays(-21);
        const int batch = 50_000;
        for (var done = 0; done < count; done += batch)
        {
            var size = Math.Min(batch, count - done);
            var next = await DemoSeeder.ReserveIdsAsync(connection, size, cancellationToken);
            var records = new List<(long Id, DisciplineRecord Record)>(size);
            for (var i = 0; i < size; i++)
            {
                var at = Array.BinarySearch(cumulative, faker.Random.Double() * sum);
                var employee = staff[Math.Min(staff.Count - 1, at >= 0 ? at : ~at)];
                var outcome = faker.Random.WeightedRandom(
                    [Outcome.Approved, Outcome.Proposed, Outcome.Rejected, Outcome.Upheld, Outcome.Overturned], [0.85f, 0.05f, 0.05f, 0.03f, 0.02f]);

                // People appeal penalties, not rewards.
                var (candidates, weights) = outcome is Outcome.Upheld or Outcome.Overturned ? penaltiesByRole[employee.Role] : rulesByRole[employee.Role];
                var rule = faker.Random.WeightedRandom(candidates, weights);
                var fact = outcome == Outcome.Proposed
                    ? today.AddDays(-faker.Random.Int(0, 89))
                    : firstDay.AddDays(faker.Random.Int(0, lastDecidedFact.DayNumber - firstDay.DayNumber));

                var proposedAt = clock.StartOfDay(fact.AddDays(faker.Random.WeightedRandom([0, 1, 2, 3, 5], [0.4f, 0.3f, 0.15f, 0.1f, 0.05f])))
                    .AddHours(8.5).AddMinutes(faker.Random.Int(0, 9 * 60));
                if (proposedAt > now)
                {
                    proposedAt = now;
                }

                var local = managers.Where(m => m.Department == employee.Department && m.Id != employee.Id).ToList();
                var proposer = local.Count > 0 && faker.Random.Bool(0.7f) ? faker.PickRandom(local) : faker.PickRandom(managers.Where(m => m.Id != employee.Id));
                var decider = faker.PickRandom(managers.Where(m => m.Id != employee.Id && m.Id != proposer.Id));
                decimal? cash = null;
                var income = 0m;
                if (rule is { Trigger: RuleTrigger.ExtraIncomeCommission, Threshold: { } rate })
                {
                    income = faker.Random.Int(4, 120) * 25m;
                    cash = Commission.Cash(income, rate);
                }

                var record = DisciplineRecord.Propose(employee.Id, rule, fact, Evidence(faker, rule, fact, employee, income), [], proposer.Id, proposedAt, cashAmount: cash);
                // Nothing is decided in the future: recent records are decided, appealed and reviewed by now at the latest.
                DateTimeOffset NotAfterNow(DateTimeOffset at) => at > now ? now : at;
                var decidedAt = NotAfterNow(proposedAt.AddDays(faker.Random.Int(1, 6)).AddMinutes(faker.Random.Int(-180, 180)));
                switch (outcome)
                {
                    case Outcome.Rejected:
                        record.Reject(decider.Id, decidedAt, faker.PickRandom(RejectionNotes));
                        break;
                    case Outcome.Approved or Outcome.Upheld or Outcome.Overturned:
                        record.Approve(decider.Id, decidedAt, faker.Random.Bool(0.3f) ? faker.PickRandom(ApprovalNotes) : null);
                        break;
                }

                if (outcome is Outcome.Upheld or Outcome.Overturned)
                {
                    var appealedAt = NotAfterNow(decidedAt.AddDays(faker.Random.Int(1, 7)).AddHours(faker.Random.Int(0, 8)));
                    record.Appeal(employee.Id, faker.PickRandom(AppealReasons), appealedAt);
                    var reviewer = faker.PickRandom(managers.Where(m => m.Id != employee.Id && m.Id != decider.Id));
                    var upheld = outcome == Outcome.Upheld;
                    record.DecideAppeal(upheld, reviewer.Id, NotAfterNow(appealedAt.AddDays(faker.Random.Int(1, 5))), faker.PickRandom(upheld ? UpheldNotes : OverturnedNotes));
                }

                records.Add((next++, record));
            }

            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await BulkCopy.WriteAsync(connection, "discipline_records", Columns, records, r => [
                r.Id, r.Record.EmployeeId, r.Record.RuleId, r.Record.Article, r.Record.RuleText, r.Record.Kind.ToString(), r.Record.Level?.ToString(),
                r.Record.Points, r.Record.CashAmount, r.Record.FactDate, r.Record.Evidence, r.Record.ProposedBy, r.Record.ProposedAt, r.Record.SourceKey,
                r.Record.Status.ToString(), r.Record.DecidedBy, r.Record.DecidedAt, r.Record.DecisionNote, r.Record.AppealReason, r.Record.AppealedAt,
                r.Record.AppealDecidedBy, r.Record.AppealDecisionNote, r.Record.ReversesRecordId, StoredJson.Serialize(r.Record.Links.ToList()),
            ], cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            logger.LogInformation("Seeded {Done} of {Count} reward and penalty records", done + size, count);
        }

        await using var analyze = new NpgsqlCommand("analyze discipline_records", connection);
        await analyze.ExecuteNonQueryAsync(cancellationToken);
        return count;
    }

    /// <summary>
    /// The articles that apply to a role, weighted so that cash items are the everyday records, levels rarer,
    /// major levels rare and removal or dismissal exceptional. Where a role has no merit article (office
    /// staff), demerits are rarer too, so nobody drifts to the dismissal threshold just by volume.
    /// </summary>
    private static (DisciplineRule[] Rules, float[] Weights) RuleMix(List<DisciplineRule> rules, string role)
    {
        var audiences = role switch
        {
            Roles.Technician => new[] { RuleAudience.Repair, RuleAudience.AllStaff },
            Roles.Desk or Roles.Dispatcher => [RuleAudience.ServiceAdvisor, RuleAudience.AllStaff],
            _ => [RuleAudience.AllStaff],
        };
        var applicable = rules.Where(r => audiences.Contains(r.Audience)).ToList();
        var hasMerit = applicable.Any(r => r.Level == DisciplineLevel.Merit);
        var hasMajorMerit = applicable.Any(r => r.Level == DisciplineLevel.MajorMerit);
        double Category(DisciplineRule r) => r.Level switch
        {
            null => r.Kind == RuleKind.Reward ? 0.30 : 0.35,
            DisciplineLevel.Commendation => 0.04,
            DisciplineLevel.Warning => 0.05,
            DisciplineLevel.Merit => 0.13,
            DisciplineLevel.Demerit => hasMerit ? 0.11 : 0.03,
            DisciplineLevel.MajorMerit => 0.012,
            DisciplineLevel.MajorDemerit => hasMajorMerit ? 0.008 : 0.002,
            DisciplineLevel.Removal => 0.0001,
            _ => 0.0001,
        };

        // A category's weight is shared by its articles; the weights add up to 1, as the random draw expects.
        var weights = applicable.Select(r => Category(r) / applicable.Count(o => o.Level == r.Level && (r.Level is not null || o.Kind == r.Kind))).ToList();
        var total = weights.Sum();
        return ([.. applicable], [.. weights.Select(w => (float)(w / total))]);
    }

    private static string Evidence(Faker faker, DisciplineRule rule, DateOnly fact, Employee employee, decimal income)
    {
        var text = EvidenceByArticle.TryGetValue(rule.Article, out var templates)
            ? faker.PickRandom(templates)
            : "经核实：" + rule.TextZh + "，当事人已签字确认";
        var hours = faker.Random.Int(3, 6);
        return text
            .Replace("{d}", fact.ToString("M月d日", CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{n}", faker.Random.Int(3, 60).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{m}", faker.Random.Int(15, 90).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{k}", hours.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{l}", (hours - faker.Random.Int(1, 2)).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{money}", (faker.Random.Int(20, 400) * 25).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{income}", income.ToString("0.##", CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{customer}", faker.Name.LastName() + faker.PickRandom("先生", "女士"), StringComparison.Ordinal)
            .Replace("{dept}", employee.Department ?? "本站", StringComparison.Ordinal);
    }

    private static readonly (string, NpgsqlDbType)[] Columns =
    [
        ("id", NpgsqlDbType.Bigint), ("employee_id", NpgsqlDbType.Varchar), ("rule_id", NpgsqlDbType.Bigint), ("article", NpgsqlDbType.Varchar),
        ("rule_text", NpgsqlDbType.Varchar), ("kind", NpgsqlDbType.Varchar), ("level", NpgsqlDbType.Varchar), ("points", NpgsqlDbType.Integer),
        ("cash_amount", NpgsqlDbType.Numeric), ("fact_date", NpgsqlDbType.Date), ("evidence", NpgsqlDbType.Varchar), ("proposed_by", NpgsqlDbType.Varchar),
        ("proposed_at", NpgsqlDbType.TimestampTz), ("source_key", NpgsqlDbType.Varchar), ("status", NpgsqlDbType.Varchar), ("decided_by", NpgsqlDbType.Varchar),
        ("decided_at", NpgsqlDbType.TimestampTz), ("decision_note", NpgsqlDbType.Varchar), ("appeal_reason", NpgsqlDbType.Varchar), ("appealed_at", NpgsqlDbType.TimestampTz),
        ("appeal_decided_by", NpgsqlDbType.Varchar), ("appeal_decision_note", NpgsqlDbType.Varchar), ("reverses_record_id", NpgsqlDbType.Bigint), ("links", NpgsqlDbType.Jsonb),
    ];
}
