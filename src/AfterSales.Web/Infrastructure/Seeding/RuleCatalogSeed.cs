using AfterSales.Domain.Discipline;
using static AfterSales.Domain.Discipline.DisciplineLevel;
using static AfterSales.Domain.Discipline.RuleAudience;
using static AfterSales.Domain.Discipline.RuleKind;

namespace AfterSales.Web.Infrastructure.Seeding;

/// <summary>
/// The reward and penalty articles of the regulations (Part 3: service advisors' cash items; Part 5:
/// the after-sales centre's levels for sales and repair staff, articles 8–40). Article codes are
/// <c>P{part}-{article}</c>; Part 3 items are numbered section.item.
/// </summary>
public static class RuleCatalogSeed
{
    public static IReadOnlyList<DisciplineRule> Rules() =>
    [
        // Part 3 — service advisors (服务顾问), cash items.
        new("P3-1.1", "一个月内接车台次、产值、精品第一名的服务顾问奖励", "Top service advisor of the month by vehicles received, output or accessories", ServiceAdvisor, Reward, null, 100m),
        new("P3-1.2", "评选为月度售后 6S 先进人员", "Best 6S (workplace organisation) of the month", ServiceAdvisor, Reward, null, 50m),
        new("P3-1.3", "提出可行有效意见，提高工作效率", "A useful proposal that improves efficiency", AllStaff, Reward, null, 100m),
        new("P3-1.4", "单车单独产值 5000 元以上（不算欠账）", "A single job's output over 5,000 CNY (excluding arrears)", ServiceAdvisor, Reward, null, 50m),
        new("P3-2.1", "上班时间不按规定着装、不戴工牌", "Not in uniform or no badge at work", ServiceAdvisor, Penalty, null, -30m),
        new("P3-2.2", "衣容不整，工作服脏", "Untidy appearance, dirty work clothes", ServiceAdvisor, Penalty, null, -10m),
        new("P3-2.3", "接待室、办公室随地吐痰、乱扔杂物", "Spitting or littering in the reception or office", ServiceAdvisor, Penalty, null, -10m),
        new("P3-2.4", "工作中使用脏话、粗话等不文明语言", "Foul or rude language at work", ServiceAdvisor, Penalty, null, -20m),
        new("P3-2.5", "上班时间睡觉、无故串岗、不坚守岗位", "Sleeping at work or leaving the post without reason", ServiceAdvisor, Penalty, null, -20m),
        // Trigger readings (the decisions and their seed quotes are in ProposalTriggers, one per trigger):
        // P3-2.6 「无故让客户长时间等待者,扣罚20元」: a repair clock overdue by a working day or more with no extension
        // logged is the customer kept waiting without reason — the repair-overdue trigger, proposed for the service
        // advisor who handled the ticket (Part 3 applies to service advisors, never to technicians).
        new("P3-2.6", "无故让客户长时间等待", "Keeping a customer waiting without reason", AllStaff, Penalty, null, -20m, RuleTrigger.RepairOverdue),
        // P3-2.7 「因部门间相互工作关系不合作,造成客户意见。对造成用户意见的相关责任者,分别扣罚10元」: a "poor" follow-up
        // rating is the customer's opinion; the scan proposes it for the service advisor who handled the ticket (Part 3's
        // audience) and the deciding manager establishes whether departments failed to cooperate (else rejects).
        new("P3-2.7", "部门间不合作造成客户意见（每位责任者）", "Non-cooperation between departments causing a complaint (each person responsible)", AllStaff, Penalty, null, -10m, RuleTrigger.PoorFollowUp),
        new("P3-2.8", "非指定人员私自移动车辆", "Moving a vehicle without authority", ServiceAdvisor, Penalty, null, -10m),
        new("P3-2.9", "私自将用户车辆开出厂区", "Taking a customer's vehicle out of the premises", ServiceAdvisor, Penalty, null, -50m),
        new("P3-2.11", "不爱护公物，空调、电视、电脑等不关闭", "Equipment (air conditioning, TV, computers) left on", AllStaff, Penalty, null, -30m),
        // P3-2.12 「随意损坏厂区设施,照价赔偿,并给予全厂通报批评」: compensation at cost is a repayment of the damage, not a
        // fine, and its amount is only known case by case, so the fixed cash is 0; the company-wide notice of criticism is
        // recorded at the lightest penalty level, 警告 — kept.
        new("P3-2.12", "随意损坏厂区设施（照价赔偿并全厂通报批评）", "Damaging facilities (pay the cost, company-wide notice)", AllStaff, Penalty, Warning, 0m),

        // Part 5 — sales staff (营业人员), rewards.
        new("P5-9", "提供“行销新构想”被采用", "A new marketing idea adopted", Sales, Reward, Merit, 0m),
        new("P5-9b", "“行销新构想”一年内获利 10 万元以上", "The adopted marketing idea earns over 100,000 CNY within a year", Sales, Reward, MajorMerit, 0m),
        new("P5-10", "主动反映可开发的“新产品”被采用", "A new product suggested and adopted", Sales, Reward, Merit, 0m),
        new("P5-10b", "“新产品”一年内获利 10 万元以上", "The new product earns over 100,000 CNY within a year", Sales, Reward, MajorMerit, 0m),
        new("P5-11", "提供竞争对手动态被采用为政策", "Competitor intelligence adopted as policy", Sales, Reward, Merit, 0m),
        new("P5-12", "客户信用调查属实、防范得宜，避免损失", "A credit check that prevented a loss", Sales, Reward, Merit, 0m),
        new("P5-13", "开拓新地区、新产品或新客户成效卓著", "Outstanding results opening a new region, product or customer", Sales, Reward, Merit, 0m),
        new("P5-14a", "达成上半年业绩目标", "Half-year sales target reached", Sales, Reward, Merit, 0m),
        new("P5-14b", "达成全年业绩目标", "Full-year sales target reached", Sales, Reward, Merit, 0m),
        new("P5-14c", "连续三年达成业绩目标", "Sales target reached three years running", Sales, Reward, MajorMerit, 0m),
        new("P5-14d", "超越目标 20%（含）—50%（不含）", "Target exceeded by 20% to under 50%", Sales, Reward, Merit, 0m),
        new("P5-14e", "超越目标 50%（含）以上", "Target exceeded by 50% or more", Sales, Reward, MajorMerit, 0m),
        new("P5-15", "规定期限内出清“滞销品”", "Slow-moving stock cleared within the set time", Sales, Reward, Merit, 0m),

        // Part 5 — sales staff, penalties.
        new("P5-16", "挪用公款", "Embezzlement", Sales, Penalty, Dismissal, 0m),
        new("P5-17", "与客户串通勾结，损害公司利益", "Collusion with a customer against the company", Sales, Penalty, Dismissal, 0m),
        new("P5-18", "从事同类业务或私自与竞争厂商往来", "Competing business or private dealings with a competitor", Sales, Penalty, Dismissal, 0m),
        new("P5-18b", "直属主管未呈报下属从事同类业务", "Supervisor did not report a subordinate's competing business", Sales, Penalty, Demerit, 0m),
        new("P5-19", "连续三个月未完成销售任务（调离或解雇）", "Sales quota missed three months running (transfer or dismissal)", Sales, Penalty, Removal, 0m),
        new("P5-20", "公务外出无故不执行任务（含上班时间喝酒）", "Not carrying out an errand while out on duty (incl. drinking at work)", AllStaff, Penalty, Demerit, 0m),
        new("P5-20b", "干部协同部属外出不执行任务（解职）", "A supervisor joining subordinates in neglecting duty (removal)", AllStaff, Penalty, Removal, 0m),
        new("P5-21", "外出工作无故不回复上级电话确认位置", "Not answering the supervisor's call to confirm location while out", Sales, Penalty, Demerit, 0m),
        new("P5-22", "个人原因造成巨额或经常性商品短少", "Large or repeated stock shortages through own fault", Sales, Penalty, Dismissal, 0m),
        new("P5-23", "挑拨公司与员工感情或泄漏职务机密", "Sowing discord or leaking confidential information", AllStaff, Penalty, MajorDemerit, 0m),
        new("P5-24a", "上半年销售未达当期目标的 70%", "Half-year sales below 70% of target", Sales, Penalty, Demerit, 0m),
        new("P5-24b", "全年销售未达目标的 80%", "Full-year sales below 80% of target", Sales, Penalty, Demerit, 0m),
        new("P5-25", "未按规定建立客户资料", "Customer records not kept as required", Sales, Penalty, Demerit, 0m),
        new("P5-26a", "言语顶撞上司", "Talking back to a supervisor", AllStaff, Penalty, Demerit, 0m),
        new("P5-26b", "不遵照上司使命行事", "Not following a supervisor's instruction", AllStaff, Penalty, MajorDemerit, 0m),
        new("P5-27", "未经批准私自使用营业车辆", "Using a company vehicle without approval", Sales, Penalty, Demerit, 0m),
        new("P5-28", "应缴报表未缴（每次）", "A required report not handed in (each time)", AllStaff, Penalty, Demerit, 0m, RuleTrigger.WorkOrderNotHandedIn),

        // Part 5 — repair staff (维修人员), rewards.
        new("P5-29", "提供先进维修技术方案，节约消耗、减少工时", "An advanced repair method that saves materials or hours", Repair, Reward, Merit, 0m),
        new("P5-30", "额外服务创收及时上交，纯收入按 20% 奖励", "Extra service income handed in: 20% commission on the net income", Repair, Reward, null, 0m, RuleTrigger.ExtraIncomeCommission, 0.20m),
        new("P5-31", "促销或上门服务中成绩突出，为公司赢得声誉", "Outstanding work in promotions or on-site service", Repair, Reward, Merit, 0m),
        new("P5-32a", "完成全年工时定额", "Full-year hour quota met", Repair, Reward, Merit, 0m, RuleTrigger.YearHours, 1.00m),
        new("P5-32b", "超越工时定额 20%（含）—50%（不含）", "Hour quota exceeded by 20% to under 50%", Repair, Reward, Merit, 0m, RuleTrigger.YearHours, 1.20m),
        new("P5-32c", "超越工时定额 50% 以上", "Hour quota exceeded by 50% or more", Repair, Reward, MajorMerit, 0m, RuleTrigger.YearHours, 1.50m),
        new("P5-32d", "连续三年完成工时定额", "Hour quota met three years running", Repair, Reward, MajorMerit, 0m),

        // Part 5 — repair staff, penalties.
        new("P5-33", "与客户串通勾结，损害公司利益", "Collusion with a customer against the company", Repair, Penalty, Dismissal, 0m),
        new("P5-34", "连续三个月未完成基本工时指标（调离或解雇）", "Basic hours missed three months running (transfer or dismissal)", Repair, Penalty, Removal, 0m, RuleTrigger.MonthlyHours, 1.00m),
        new("P5-35", "公务外出无故不执行任务（含上班时间喝酒）", "Not carrying out an errand while out on duty (incl. drinking at work)", Repair, Penalty, Demerit, 0m),
        new("P5-36a", "上半年实际工时未达定额 70%", "Half-year hours below 70% of the quota", Repair, Penalty, Demerit, 0m, RuleTrigger.HalfYearHours, 0.70m),
        new("P5-36b", "全年实际工时未达定额 80%", "Full-year hours below 80% of the quota", Repair, Penalty, Demerit, 0m, RuleTrigger.YearHours, 0.80m),
        new("P5-37", "未按规定建立维修档案", "Repair records not kept as required", Repair, Penalty, Demerit, 0m),
        new("P5-38a", "言语顶撞上司", "Talking back to a supervisor", Repair, Penalty, Demerit, 0m),
        new("P5-38b", "消极怠工", "Go-slow", Repair, Penalty, Demerit, 0m),
        new("P5-38c", "拒不服从工作安排", "Refusing a work assignment", Repair, Penalty, MajorDemerit, 0m),
        new("P5-39", "动用所维修车辆办私事", "Using a customer's vehicle privately", Repair, Penalty, Demerit, 0m),
        new("P5-40", "收费维修或额外服务收入拒不上交", "Withholding income from paid repairs or extra services", Repair, Penalty, MajorDemerit, 0m),

        // Part 14 §4: a complaint not reported up, so that the customer escalates.
        // 「对客户投诉问题及案件不主动解决,不主动上报,引发客户继续向上投诉,销售公司查实后对相应的责任人及区域市场负责人做出必要的处罚」:
        // the person responsible and the regional market head — the scan proposes a record for each (changed: the head
        // was not proposed before). The penalty itself is 「必要的处罚」, left to the company: warning and −20 CNY.
        new("P14-4", "投诉未及时上报导致客户越级投诉", "A complaint not reported up in time, so the customer escalated", AllStaff, Penalty, Warning, -20m, RuleTrigger.ComplaintNotReported),
    ];
}
