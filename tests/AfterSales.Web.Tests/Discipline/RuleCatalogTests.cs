using AfterSales.Domain.Discipline;
using AfterSales.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Web.Tests.Discipline;

public sealed class RuleCatalogTests(AppFixture app) : AppTest(app)
{
    [Fact]
    public async Task Every_installation_starts_with_the_regulations_rule_catalog()
    {
        await using var db = App.NewDbContext();
        var rules = await db.DisciplineRules.AsNoTracking().ToListAsync();
        Assert.True(rules.Count >= 60, $"{rules.Count} rules");
        Assert.Equal(rules.Count, rules.Select(r => r.Article).Distinct().Count());

        // Part 3 cash items and Part 5 levels, with the hour-quota triggers of articles 32, 34 and 36.
        Assert.Equal(-20m, rules.Single(r => r.Article == "P3-2.6").CashAmount);
        Assert.Equal(RuleTrigger.RepairOverdue, rules.Single(r => r.Article == "P3-2.6").Trigger);
        Assert.Equal(DisciplineLevel.MajorMerit, rules.Single(r => r.Article == "P5-32c").Level);
        Assert.Equal(1.5m, rules.Single(r => r.Article == "P5-32c").Threshold);
        Assert.Equal(0.7m, rules.Single(r => r.Article == "P5-36a").Threshold);
        Assert.Equal(0.2m, rules.Single(r => r.Article == "P5-30").Threshold);
        Assert.Equal(DisciplineLevel.MajorDemerit, rules.Single(r => r.Article == "P5-40").Level);
        Assert.All(rules.Where(r => r.Kind == RuleKind.Penalty), r => Assert.True(r.CashAmount <= 0));
    }
}
