namespace AfterSales.Domain.Discipline;

/// <summary>Who an article applies to.</summary>
public enum RuleAudience
{
    /// <summary>服务顾问 / 前台: the service desk and its supervisor (Part 3, 售后服务顾问奖惩制度).</summary>
    ServiceAdvisor,

    /// <summary>零配件营业人员: parts sales staff of the service centre and their supervisors (Part 5 ch.3–4).</summary>
    Sales,

    /// <summary>维修人员: repair staff of the service centre and their supervisors (Part 5 ch.5–6).</summary>
    Repair,

    /// <summary>Everyone (articles outside Parts 3 and 5; in Part 5, every service-centre employee).</summary>
    AllStaff,
}

/// <summary>
/// Who each part of the regulations applies to, and who an employee is for them. Part 3 is the 售后服务顾问奖惩制度:
/// its items apply to service advisors (服务顾问, the desk, 内勤/前台 reception, and their supervisor). Part 5 第四条:
/// "本实施细则适用于售后服务中心零配件营业部门及人员、维修部门及人员的业务工作奖惩" — the service centre's parts sales and
/// repair staff, with their supervisors (第二条 "营业人员及其主管、维修人员及其主管"). Other parts apply as the article says.
/// </summary>
public static class RuleAudiences
{
    /// <summary>The role names of the staff (Desk 客服/服务顾问, Dispatcher 客服主管, Technician 维修员, Quality, Manager 部门负责人, Admin).</summary>
    public const string Desk = "Desk";
    public const string Dispatcher = "Dispatcher";
    public const string Technician = "Technician";
    public const string Manager = "Manager";

    /// <summary>
    /// What an employee is for the regulations, from their roles: the desk is the service advisors, its supervisor
    /// (the dispatcher, who also sends out and watches the repair staff) both; technicians are repair staff;
    /// managers (部门负责人) the supervisors of the service centre's repair and sales staff. Everyone is staff.
    /// </summary>
    public static IReadOnlySet<RuleAudience> Of(IEnumerable<string> roles)
    {
        var audiences = new HashSet<RuleAudience> { RuleAudience.AllStaff };
        foreach (var role in roles)
        {
            switch (role)
            {
                case Desk:
                    audiences.Add(RuleAudience.ServiceAdvisor);
                    break;
                case Dispatcher:
                    audiences.Add(RuleAudience.ServiceAdvisor);
                    audiences.Add(RuleAudience.Repair);
                    break;
                case Technician:
                    audiences.Add(RuleAudience.Repair);
                    break;
                case Manager:
                    audiences.Add(RuleAudience.Repair);
                    audiences.Add(RuleAudience.Sales);
                    break;
            }
        }

        return audiences;
    }

    /// <summary>
    /// Who a rule applies to, by its part: a Part 3 article (<c>P3-…</c>) to service advisors whatever the catalog says;
    /// a Part 5 article (<c>P5-…</c>) to the service centre's repair or sales staff (an "everyone" article of Part 5:
    /// both); any other article to its catalog audience.
    /// </summary>
    public static IReadOnlySet<RuleAudience> For(DisciplineRule rule) => Part(rule.Article) switch
    {
        3 => new HashSet<RuleAudience> { RuleAudience.ServiceAdvisor },
        5 when rule.Audience is RuleAudience.AllStaff or RuleAudience.ServiceAdvisor => new HashSet<RuleAudience> { RuleAudience.Repair, RuleAudience.Sales },
        _ => new HashSet<RuleAudience> { rule.Audience },
    };

    /// <summary>Whether the rule applies to an employee of these audiences.</summary>
    public static bool AppliesTo(DisciplineRule rule, IReadOnlySet<RuleAudience> employee) => For(rule).Overlaps(employee);

    /// <summary>The part of the regulations an article belongs to (<c>P5-32a</c> ⇒ 5), or null.</summary>
    public static int? Part(string article)
    {
        if (article.Length < 3 || article[0] != 'P')
        {
            return null;
        }

        var dash = article.IndexOf('-', StringComparison.Ordinal);
        return dash > 1 && int.TryParse(article.AsSpan(1, dash - 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var part) ? part : null;
    }
}

public enum RuleKind
{
    Reward,
    Penalty,
}

/// <summary>Events the system watches to propose a record (never to approve one).</summary>
public enum RuleTrigger
{
    None,

    /// <summary>A repair clock passed its deadline with no logged extension (keeping the customer waiting).</summary>
    RepairOverdue,

    /// <summary>A follow-up call rated something "poor".</summary>
    PoorFollowUp,

    /// <summary>A complaint was not reported up within the configured time.</summary>
    ComplaintNotReported,

    /// <summary>A work order was not handed in by the next working day.</summary>
    WorkOrderNotHandedIn,

    /// <summary>Monthly labour hours against the quota (threshold = share of the quota, e.g. 1.0).</summary>
    MonthlyHours,

    /// <summary>Half-year labour hours below the threshold share of the quota (Part 5 art. 36: 0.7).</summary>
    HalfYearHours,

    /// <summary>Full-year labour hours against the threshold share of the quota (art. 32 and 36).</summary>
    YearHours,

    /// <summary>Extra service income handed in: a commission at the threshold rate (art. 30: 0.20).</summary>
    ExtraIncomeCommission,
}

/// <summary>
/// One article of the reward and penalty regulations as the company applies it: who it applies to,
/// reward or penalty, the level (嘉奖 … 解雇) with its monthly points, a cash amount in CNY, and an
/// optional automatic trigger. Editing a rule never changes records already made: a record copies the
/// rule as applied.
/// </summary>
public sealed class DisciplineRule
{
    private DisciplineRule()
    {
        Article = "";
        TextZh = "";
        TextEn = "";
    }

    public DisciplineRule(string article, string textZh, string textEn, RuleAudience audience, RuleKind kind, DisciplineLevel? level, decimal cashAmount, RuleTrigger trigger = RuleTrigger.None, decimal? threshold = null)
    {
        Article = Guard.Required(article, 20, "rule.article");
        TextZh = "";
        TextEn = "";
        Update(textZh, textEn, audience, kind, level, cashAmount, trigger, threshold, active: true);
    }

    public long Id { get; private set; }

    /// <summary>Article code, e.g. <c>P5-32</c> (Part 5, article 32) or <c>P3-2.6</c>.</summary>
    public string Article { get; private set; }

    public string TextZh { get; private set; }

    public string TextEn { get; private set; }

    public RuleAudience Audience { get; private set; }

    public RuleKind Kind { get; private set; }

    public DisciplineLevel? Level { get; private set; }

    /// <summary>The monthly assessment points of the level (0 without a level).</summary>
    public int Points => Level is { } level ? Ladder.Points(level) : 0;

    /// <summary>CNY: positive for a bonus, negative for a fine, 0 when the article has none.</summary>
    public decimal CashAmount { get; private set; }

    public RuleTrigger Trigger { get; private set; }

    public decimal? Threshold { get; private set; }

    public bool Active { get; private set; }

    public uint Version { get; private set; }

    public void Update(string textZh, string textEn, RuleAudience audience, RuleKind kind, DisciplineLevel? level, decimal cashAmount, RuleTrigger trigger, decimal? threshold, bool active)
    {
        TextZh = Guard.Required(textZh, 500, "rule.text_zh");
        TextEn = Guard.Required(textEn, 500, "rule.text_en");
        Audience = Enum.IsDefined(audience) ? audience : throw new DomainException("rule.audience", "Choose who the rule applies to.");
        Kind = Enum.IsDefined(kind) ? kind : throw new DomainException("rule.kind", "Choose reward or penalty.");
        if (level is { } l && (!Enum.IsDefined(l) || IsReward(l) != (kind == RuleKind.Reward)))
        {
            throw new DomainException("rule.level_kind_mismatch", "A reward rule takes a reward level and a penalty rule a penalty level.");
        }

        if ((kind == RuleKind.Reward && cashAmount < 0) || (kind == RuleKind.Penalty && cashAmount > 0) || Math.Abs(cashAmount) > 1_000_000)
        {
            throw new DomainException("rule.cash_sign", "A reward pays a bonus (0 or more), a penalty a fine (0 or less).");
        }

        if (level is null && cashAmount == 0 && trigger != RuleTrigger.ExtraIncomeCommission)
        {
            throw new DomainException("rule.empty", "A rule needs a level, a cash amount, or both.");
        }

        if (!Enum.IsDefined(trigger))
        {
            throw new DomainException("rule.trigger", "Unknown trigger.");
        }

        var needsThreshold = trigger is RuleTrigger.MonthlyHours or RuleTrigger.HalfYearHours or RuleTrigger.YearHours or RuleTrigger.ExtraIncomeCommission;
        if (needsThreshold && threshold is not > 0)
        {
            throw new DomainException("rule.threshold", "An hours or commission trigger needs its threshold.");
        }

        if (trigger == RuleTrigger.ExtraIncomeCommission && threshold > 1)
        {
            throw new DomainException("rule.commission_rate", "A commission rate is a share of the net income: above 0 and at most 1 (0.20 = 20 %).");
        }

        if (trigger == RuleTrigger.None && threshold is not null)
        {
            throw new DomainException("rule.threshold_without_trigger", "A threshold belongs to an automatic trigger.");
        }

        Level = level;
        CashAmount = decimal.Round(cashAmount, 2);
        Trigger = trigger;
        Threshold = threshold;
        Active = active;
    }

    public static bool IsReward(DisciplineLevel level) => level is DisciplineLevel.Commendation or DisciplineLevel.Merit or DisciplineLevel.MajorMerit;
}
