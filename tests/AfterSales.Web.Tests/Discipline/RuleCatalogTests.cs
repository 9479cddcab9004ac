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

public sealed class RulePageTests(AppFixture app) : AppTest(app)
{
    [Fact]
    public async Task Everyone_reads_the_rules_and_only_the_admin_edits_them()
    {
        using var desk = await Client().SignedInAsync("desk1");
        var page = await desk.GetDocumentAsync("/Discipline/Rules");
        Assert.True(page.QuerySelectorAll("[data-testid=rule-row]").Length >= 60);
        Assert.Null(page.QuerySelector("[data-testid=edit-P5-37]"));
        using var refused = await desk.PostFormAsync("/Discipline/Rules", [new("Input.Article", "X-1")], "/Discipline/Rules?handler=Save");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", refused.Headers.Location!.PathAndQuery(), StringComparison.Ordinal);

        await using var db = App.NewDbContext();
        var rule = await db.DisciplineRules.AsNoTracking().SingleAsync(r => r.Article == "P3-2.5");
        using var admin = await Client().SignedInAsync("admin1");
        using var saved = await admin.PostFormAsync($"/Discipline/Rules?edit={rule.Id}",
        [
            new("Input.Id", rule.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("Input.Version", rule.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("Input.Article", rule.Article), new("Input.TextZh", rule.TextZh), new("Input.TextEn", rule.TextEn), new("Input.Audience", "ServiceAdvisor"),
            new("Input.Kind", "Penalty"), new("Input.Level", ""), new("Input.CashAmount", "-25"), new("Input.Trigger", "None"), new("Input.Active", "true"),
        ], "/Discipline/Rules?handler=Save");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(-25m, (await db.DisciplineRules.AsNoTracking().SingleAsync(r => r.Id == rule.Id)).CashAmount);

        // A penalty cannot pay a bonus: refused with the rule's message, nothing saved.
        var fresh = await db.DisciplineRules.AsNoTracking().SingleAsync(r => r.Id == rule.Id);
        using var wrong = await admin.PostFormAsync($"/Discipline/Rules?edit={rule.Id}",
        [
            new("Input.Id", rule.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("Input.Version", fresh.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("Input.Article", rule.Article), new("Input.TextZh", rule.TextZh), new("Input.TextEn", rule.TextEn), new("Input.Audience", "ServiceAdvisor"),
            new("Input.Kind", "Penalty"), new("Input.CashAmount", "40"), new("Input.Trigger", "None"), new("Input.Active", "true"),
        ], "/Discipline/Rules?handler=Save");
        Assert.Equal(System.Net.HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("罚款应为负数", (await AppClient.ParseAsync(wrong)).QuerySelector("[data-testid=rule-errors]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(-25m, (await db.DisciplineRules.AsNoTracking().SingleAsync(r => r.Id == rule.Id)).CashAmount);

        // The catalog is kept between tests: put the article back as seeded.
        await db.Database.ExecuteSqlAsync($"update discipline_rules set cash_amount = -20 where article = 'P3-2.5'");
    }
}
