using System.Net;
using AfterSales.Domain.Discipline;
using AfterSales.Web.Infrastructure.Identity;
using AfterSales.Web.Infrastructure.Seeding;
using AfterSales.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AfterSales.Web.Tests.Foundation;

/// <summary>`seed --staff N --records N`: a big company for the tally benchmarks, made in bulk and only once.</summary>
public sealed class BenchmarkSeedTests(AppFixture app) : AppTest(app)
{
    private static readonly SeedOptions Options = SeedOptions.FromArgs(
        ["seed", "--customers", "0", "--tickets", "0", "--staff", "80", "--records", "3000"], new ConfigurationBuilder().Build());

    // The added staff and their technician profiles must not reach the next test.
    public override Task DisposeAsync() => App.ResetAsync();

    private async Task SeedAsync()
    {
        await using var scope = App.Factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(Options, CancellationToken.None);
    }

    [Fact]
    public async Task Staff_and_records_reach_exactly_the_asked_counts_across_departments_and_roles_and_a_second_run_adds_nothing()
    {
        Assert.Equal((80, 3000), (Options.Headcount, Options.Records));
        await SeedAsync();

        await using var db = App.NewDbContext();
        Assert.Equal(80, await db.Users.CountAsync());
        Assert.Equal(3000, await db.DisciplineRecords.CountAsync());

        var added = await (from u in db.Users
                           join ur in db.UserRoles on u.Id equals ur.UserId
                           join r in db.Roles on ur.RoleId equals r.Id
                           where u.UserName!.StartsWith(StaffSeeder.UserNamePrefix)
                           select new { u.UserName, u.EmployeeNo, u.Department, Role = r.Name! }).ToListAsync();
        Assert.Equal(80 - DemoSeeder.StaffPlan.Sum(s => s.Count), added.Count);
        Assert.Equal(added.Count, added.Select(a => a.UserName).Distinct().Count());
        Assert.Equal(StaffSeeder.Departments.Order(), added.Select(a => a.Department!).Distinct().Order());
        Assert.Equal(
            new[] { Roles.Desk, Roles.Dispatcher, Roles.Manager, Roles.Quality, Roles.Technician }.Order(),
            added.Select(a => a.Role).Distinct().Order());
        Assert.InRange(added.Count(a => a.Role == Roles.Technician), added.Count * 6 / 10, added.Count * 7 / 10);
        var employeeNumbers = await db.Users.Select(u => u.EmployeeNo).ToListAsync();
        Assert.Equal(employeeNumbers.Count, employeeNumbers.Distinct().Count());

        var technicians = await db.UsersInRole(Roles.Technician).Select(u => u.Id).ToListAsync();
        var profiles = await db.TechnicianProfiles.ToListAsync();
        Assert.Empty(technicians.Except(profiles.Select(p => p.TechnicianId)));
        Assert.Equal(profiles.Count, profiles.Select(p => p.Position).Distinct().Count());
        Assert.All(profiles, p => Assert.InRange(p.Skills.Length, 2, 3));

        var managers = (await db.UsersInRole(Roles.Manager).Select(u => u.Id).ToListAsync()).ToHashSet();
        var rules = await db.DisciplineRules.ToDictionaryAsync(r => r.Id);
        var records = await db.DisciplineRecords.AsNoTracking().ToListAsync();
        var today = TestData.Today;
        var seededBy = DateTimeOffset.UtcNow;
        Assert.All(records, r =>
        {
            Assert.True(r.ProposedAt <= seededBy && (r.DecidedAt ?? r.ProposedAt) <= seededBy && (r.AppealedAt ?? r.ProposedAt) <= seededBy, $"dated in the future: {r.Id}");
            Assert.True(Enum.IsDefined(r.Status) && r.Status != RecordStatus.Appealed, $"status {r.Status}");
            Assert.Contains(r.ProposedBy, managers);
            Assert.NotEqual(r.EmployeeId, r.ProposedBy);
            Assert.Null(r.SourceKey);
            Assert.Empty(r.Links);
            Assert.False(string.IsNullOrWhiteSpace(r.Evidence));
            Assert.True(DateOnly.FromDateTime(r.ProposedAt.ToOffset(TimeSpan.FromHours(8)).DateTime) >= r.FactDate, $"proposed before the fact: {r.Id}");
            Assert.True(r.FactDate >= new DateOnly(today.Year - 4, 1, 1) && r.FactDate <= today, $"fact date {r.FactDate}");
            var rule = rules[r.RuleId];
            Assert.Equal((rule.Article, rule.TextZh, rule.Kind, rule.Level, rule.Points), (r.Article, r.RuleText, r.Kind, r.Level, r.Points));
            if (rule.Trigger != RuleTrigger.ExtraIncomeCommission)
            {
                Assert.Equal(rule.CashAmount, r.CashAmount);
            }

            if (r.Status == RecordStatus.Proposed)
            {
                Assert.Null(r.DecidedBy);
                Assert.True(r.FactDate >= today.AddDays(-90), $"old proposal {r.FactDate}");
                return;
            }

            Assert.Contains(r.DecidedBy!, managers);
            Assert.NotEqual(r.ProposedBy, r.DecidedBy);
            Assert.NotEqual(r.EmployeeId, r.DecidedBy);
            Assert.True(r.DecidedAt > r.ProposedAt && r.DecidedAt < DateTimeOffset.UtcNow, $"decided at {r.DecidedAt}");
            if (r.Status is RecordStatus.Upheld or RecordStatus.Overturned)
            {
                Assert.Equal(RuleKind.Penalty, r.Kind);
                Assert.Contains(r.AppealDecidedBy!, managers);
                Assert.NotEqual(r.EmployeeId, r.AppealDecidedBy);
                Assert.True(r.AppealedAt > r.DecidedAt);
            }
        });

        var share = records.GroupBy(r => r.Status).ToDictionary(g => g.Key, g => g.Count() / 3000.0);
        Assert.InRange(share[RecordStatus.Approved], 0.80, 0.90);
        Assert.All([RecordStatus.Proposed, RecordStatus.Rejected, RecordStatus.Upheld, RecordStatus.Overturned], s => Assert.InRange(share[s], 0.01, 0.08));
        var technicianShare = records.Count(r => technicians.Contains(r.EmployeeId)) / 3000.0;
        Assert.InRange(technicianShare, 0.55, 0.95);

        await SeedAsync();
        await using var again = App.NewDbContext();
        Assert.Equal(80, await again.Users.CountAsync());
        Assert.Equal(3000, await again.DisciplineRecords.CountAsync());
        Assert.Equal(profiles.Count, await again.TechnicianProfiles.CountAsync());
    }

    [Fact]
    public async Task Added_staff_sign_in_with_the_demo_password()
    {
        await SeedAsync();
        using var client = Client();
        using var login = await client.LoginAsync(StaffSeeder.UserName(1));
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/", login.Headers.Location!.OriginalString);
    }
}

/// <summary>`seed --publish-months N`: the months before this one closed as the company would have closed them.</summary>
public sealed class PublishedMonthsSeedTests(AppFixture app) : AppTest(app)
{
    public override Task DisposeAsync() => App.ResetAsync();

    [Fact]
    public async Task The_months_before_this_one_are_submitted_checked_and_published_oldest_first_with_the_records_they_count()
    {
        var options = SeedOptions.FromArgs(["seed", "--customers", "0", "--tickets", "0", "--staff", "60", "--records", "1500", "--publish-months", "3"], new ConfigurationBuilder().Build());
        Assert.Equal(3, options.PublishMonths);
        await using (var scope = App.Factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(options, CancellationToken.None);
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(options, CancellationToken.None);
        }

        await using var db = App.NewDbContext();
        var tallies = await db.MonthlyTallies.AsNoTracking().OrderBy(t => t.Month).ToListAsync();
        var thisMonth = AfterSales.Domain.Tallies.TallyMonth.Parse(AfterSales.Domain.Tallies.TallyMonth.Of(TestData.Today));
        Assert.Equal(
            Enumerable.Range(1, 3).Select(i => AfterSales.Domain.Tallies.TallyMonth.Of(thisMonth.AddMonths(-i))).Order(StringComparer.Ordinal),
            tallies.Select(t => t.Month));
        Assert.All(tallies, t => Assert.Equal(AfterSales.Domain.Tallies.TallyStatus.Published, t.Status));
        Assert.All(tallies, t => Assert.Equal(60, t.Lines.Count));
        Assert.All(tallies, t => Assert.NotEqual(t.SubmittedBy, t.CheckedBy));
        Assert.All(tallies, t => Assert.True(t.SubmittedAt < t.CheckedAt && t.CheckedAt < t.PublishedAt));

        // Each snapshot counts the approved and upheld records of its month, and says so in its id array.
        foreach (var tally in tallies)
        {
            var first = AfterSales.Domain.Tallies.TallyMonth.Parse(tally.Month);
            var last = AfterSales.Domain.Tallies.TallyMonth.LastDay(tally.Month);
            var counting = await db.DisciplineRecords.AsNoTracking()
                .Where(r => r.FactDate >= first && r.FactDate <= last && (r.Status == RecordStatus.Approved || r.Status == RecordStatus.Upheld))
                .Select(r => r.Id).OrderBy(id => id).ToListAsync();
            Assert.NotEmpty(counting);
            Assert.Equal(counting, tally.CountedRecordIds);
            Assert.Equal(counting, tally.Lines.SelectMany(l => l.Records).Select(r => r.Id).Order());
        }
    }
}

/// <summary>`seed --tickets N`: tickets, work orders and follow-ups written with COPY, some work orders with extra services sold on site.</summary>
public sealed class TicketSeedTests(AppFixture app) : AppTest(app)
{
    public override Task DisposeAsync() => App.ResetAsync();

    [Fact]
    public async Task Seeded_completed_work_orders_sometimes_carry_an_extra_service_and_the_scan_proposes_its_commission()
    {
        // Customers and units made here (the bulk customer seeder draws from the demo catalog only); tickets by the seeder.
        await using (var setup = App.NewDbContext())
        {
            for (var i = 0; i < 40; i++)
            {
                await TestData.CustomerWithUnitAsync(setup, "客户" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), $"1390000{i:0000}", $"KF2301-{i:0000}", TestData.Today.AddMonths(-3 - i * 2));
            }
        }

        var options = SeedOptions.FromArgs(["seed", "--customers", "0", "--tickets", "800", "--records", "0"], new ConfigurationBuilder().Build());
        await using (var scope = App.Factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(options, CancellationToken.None);
        }

        await using var db = App.NewDbContext();
        var workOrders = await db.WorkOrders.AsNoTracking().Select(w => new { w.Id, w.Status, w.HandedInAt, Services = EF.Property<List<Domain.WorkOrders.ExtraServiceLine>>(w, "_extraServices") }).ToListAsync();
        Assert.NotEmpty(workOrders);
        var sold = workOrders.Where(w => w.Services.Count > 0).ToList();
        Assert.NotEmpty(sold);
        Assert.True(sold.Count < workOrders.Count / 5, $"{sold.Count} of {workOrders.Count} sold extra services");
        Assert.All(sold, w => Assert.Equal(Domain.WorkOrders.WorkOrderStatus.Completed, w.Status));
        Assert.All(sold.SelectMany(w => w.Services), e => Assert.Equal(e, Domain.WorkOrders.ExtraServiceLine.Create(e.Description, e.Charge, e.MaterialCost)));

        await using (var scope = App.Factory.Services.CreateAsyncScope())
        {
            await ActivatorUtilities.CreateInstance<AfterSales.Web.Infrastructure.Discipline.ProposalScanner>(scope.ServiceProvider).ScanAsync(TestData.Today);
        }

        var commissions = await db.DisciplineRecords.AsNoTracking().Where(r => r.Article == "P5-30").ToListAsync();
        Assert.NotEmpty(commissions);
        Assert.All(commissions, r => Assert.Contains(sold, w => r.SourceKey == $"extra-income:{w.Id}" && w.HandedInAt is not null));
    }
}

/// <summary>`seed --customers N` on a catalog an admin has added to.</summary>
public sealed class CustomerSeedTests(AppFixture app) : AppTest(app)
{
    [Fact]
    public async Task Customers_are_seeded_with_units_of_the_demo_models_even_when_the_admin_added_a_model_of_their_own()
    {
        await using (var db = App.NewDbContext())
        {
            var category = await db.ProductCategories.FirstAsync();
            db.ProductModels.Add(new AfterSales.Domain.Products.ProductModel(category.Id, "OWN-" + Guid.NewGuid().ToString("N")[..6], "自有型号", 12));
            await db.SaveChangesAsync();
        }

        var options = SeedOptions.FromArgs(["seed", "--customers", "200", "--tickets", "0", "--records", "0"], new ConfigurationBuilder().Build());
        await using (var scope = App.Factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(options, CancellationToken.None);
        }

        await using var check = App.NewDbContext();
        Assert.True(await check.Customers.CountAsync() >= 200);
        var demoCodes = DemoCatalog.Categories.SelectMany(c => c.Models).Select(m => m.Code).ToList();
        Assert.False(await check.Units.AnyAsync(u => !check.ProductModels.Any(m => m.Id == u.ProductModelId && demoCodes.Contains(m.Code))));
    }
}
