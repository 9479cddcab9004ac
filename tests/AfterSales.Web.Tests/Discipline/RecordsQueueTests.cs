using System.Globalization;
using AfterSales.Domain.Discipline;
using AfterSales.Web.Tests.Infrastructure;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using static AfterSales.Web.Tests.Discipline.ProposalData;

namespace AfterSales.Web.Tests.Discipline;

/// <summary>The records page as a work queue at volume: 3,000 records, a manager's decisions 50 at a time.</summary>
public sealed class RecordsQueueTests(AppFixture app) : AppTest(app)
{
    private const int Volume = 3000;

    private string _manager1 = "";
    private string _tech2 = "";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _manager1 = await UserIdAsync(App, "manager1");
        var manager2 = await UserIdAsync(App, "manager2");
        var manager3 = await UserIdAsync(App, "manager3");
        var techs = new[] { await UserIdAsync(App, "tech1"), await UserIdAsync(App, "tech2"), await UserIdAsync(App, "tech3") };
        _tech2 = techs[1];
        var template = await RecordAsync(App, "tech1", "P5-37", TestData.Today, proposer: "manager1", decider: null);

        // A quarter each: approved; proposed by manager1; proposed by the daily scan (some about manager1); appealed.
        await Bulk.CloneAsync(App, "discipline_records", template.Id, Volume, new Dictionary<string, string>
        {
            ["employee_id"] = $"case when g % 100 = 2 then {Bulk.Literal(_manager1)} else (array[{string.Join(", ", techs.Select(Bulk.Literal))}])[g % 3 + 1] end",
            ["proposed_by"] = $"case g % 4 when 1 then {Bulk.Literal(_manager1)} when 0 then {Bulk.Literal(manager2)} else 'system' end",
            ["status"] = "case g % 4 when 0 then 'Approved' when 3 then 'Appealed' else 'Proposed' end",
            ["decided_by"] = $"case when g % 4 in (0, 3) then {Bulk.Literal(manager3)} end",
            ["appeal_reason"] = "case when g % 4 = 3 then '不是我' end",
            ["proposed_at"] = "now() - g * interval '7 minutes'",
            ["fact_date"] = $"{Bulk.Literal(TestData.Today)} - (g % 200)",
        });
    }

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    private static List<string> Rows(IDocument page) => page.QuerySelectorAll("[data-testid=record-row]").Select(r => r.GetAttribute("data-id")!).ToList();

    private static int Total(IDocument page) => int.Parse(page.QuerySelector("[data-testid=queue-total]")!.GetAttribute("data-total")!, CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_manager_opens_on_the_records_awaiting_their_decision_oldest_first_fifty_at_a_time_with_the_true_total()
    {
        await using var db = App.NewDbContext();
        var me = _manager1;
        var awaiting = await db.DisciplineRecords.AsNoTracking()
            .Where(r => (r.Status == RecordStatus.Proposed && r.ProposedBy != me && r.EmployeeId != me) || (r.Status == RecordStatus.Appealed && r.EmployeeId != me))
            .OrderBy(r => r.ProposedAt).ThenBy(r => r.Id).Select(r => r.Id).ToListAsync();
        Assert.True(awaiting.Count > 1000);

        using var manager = await Client().SignedInAsync("manager1");
        var page = await manager.GetDocumentAsync("/Discipline/Records");

        Assert.Equal(awaiting.Count, Total(page));
        Assert.Equal(awaiting.Take(50).Select(Id), Rows(page));
        Assert.Equal("awaiting", page.QuerySelector("#View option[selected]")!.GetAttribute("value"));
        Assert.Equal("1", page.QuerySelector("[data-testid=queue-page]")!.GetAttribute("data-page"));
        Assert.NotNull(page.QuerySelector("#next-page"));
    }

    [Fact]
    public async Task The_proposer_is_not_offered_approve_or_reject_on_their_own_proposal_and_another_manager_is()
    {
        using var manager1 = await Client().SignedInAsync("manager1");
        var page = await manager1.GetDocumentAsync("/Discipline/Records?view=all&Status=Proposed");
        var rows = Rows(page).Select(long.Parse).ToList();
        Assert.Equal(50, rows.Count);
        await using var db = App.NewDbContext();
        var shown = await db.DisciplineRecords.AsNoTracking().Where(r => rows.Contains(r.Id)).ToDictionaryAsync(r => r.Id);
        var own = rows.Where(id => shown[id].ProposedBy == _manager1).ToList();
        var others = rows.Where(id => shown[id].ProposedBy != _manager1 && shown[id].EmployeeId != _manager1).ToList();
        Assert.NotEmpty(own);
        Assert.NotEmpty(others);
        foreach (var id in own)
        {
            Assert.Null(page.QuerySelector($"[data-testid=approve-{id}]"));
            Assert.Null(page.QuerySelector($"[data-testid=reject-{id}]"));
            Assert.NotNull(page.QuerySelector($"[data-testid=awaiting-other-{id}]"));
        }

        foreach (var id in others)
        {
            Assert.NotNull(page.QuerySelector($"[data-testid=approve-{id}]"));
            Assert.NotNull(page.QuerySelector($"[data-testid=reject-{id}]"));
        }

        // Another manager is offered the decision on manager1's proposals.
        using var manager2 = await Client().SignedInAsync("manager2");
        var theirs = await manager2.GetDocumentAsync("/Discipline/Records?view=all&Status=Proposed");
        Assert.NotNull(theirs.QuerySelector($"[data-testid=approve-{own[0]}]"));
    }

    [Fact]
    public async Task A_filter_pages_on_by_cursor_and_page_three_shows_the_right_fifty()
    {
        await using var db = App.NewDbContext();
        var employee = _tech2;
        var expected = await db.DisciplineRecords.AsNoTracking()
            .Where(r => (r.Status == RecordStatus.Proposed || r.Status == RecordStatus.Appealed) && r.EmployeeId == employee)
            .OrderBy(r => r.ProposedAt).ThenBy(r => r.Id).Select(r => r.Id).ToListAsync();
        Assert.True(expected.Count > 150);

        using var manager = await Client().SignedInAsync("manager1");
        var page = await manager.GetDocumentAsync("/Discipline/Records?view=open&Employee=" + Uri.EscapeDataString(employee));
        Assert.Equal(expected.Count, Total(page));
        Assert.Equal(expected.Take(50).Select(Id), Rows(page));
        page = await manager.GetDocumentAsync(page.QuerySelector("#next-page")!.GetAttribute("href")!);
        page = await manager.GetDocumentAsync(page.QuerySelector("#next-page")!.GetAttribute("href")!);
        Assert.Equal("3", page.QuerySelector("[data-testid=queue-page]")!.GetAttribute("data-page"));
        Assert.Equal(expected.Count, Total(page));
        Assert.Equal(expected.Skip(100).Take(50).Select(Id), Rows(page));
        Assert.NotNull(page.QuerySelector("#first-page"));

        // All records, newest first, page by page the same way.
        var all = await db.DisciplineRecords.AsNoTracking().Where(r => r.EmployeeId == employee)
            .OrderByDescending(r => r.ProposedAt).ThenByDescending(r => r.Id).Select(r => r.Id).ToListAsync();
        var newest = await manager.GetDocumentAsync("/Discipline/Records?view=all&Employee=" + Uri.EscapeDataString(employee));
        newest = await manager.GetDocumentAsync(newest.QuerySelector("#next-page")!.GetAttribute("href")!);
        Assert.Equal(all.Count, Total(newest));
        Assert.Equal(all.Skip(50).Take(50).Select(Id), Rows(newest));
    }

    [Fact]
    public async Task The_employee_filter_takes_a_user_name_and_the_page_names_only_the_people_it_shows()
    {
        await using var db = App.NewDbContext();
        var employee = _tech2;
        var expected = await db.DisciplineRecords.AsNoTracking().CountAsync(r => r.EmployeeId == employee);

        using var manager = await Client().SignedInAsync("manager1");
        var page = await manager.GetDocumentAsync("/Discipline/Records?view=all&Employee=tech2");
        Assert.Equal(expected, Total(page));
        Assert.Equal("tech2", page.QuerySelector("input#Employee")!.GetAttribute("value"));

        // Neither the filter nor the proposal form lists the whole staff: the employee is typed (user name or employee number).
        Assert.NotNull(page.QuerySelector("input#Input_EmployeeId"));
        var ids = await db.Users.Select(u => u.Id).ToListAsync();
        Assert.DoesNotContain(page.QuerySelectorAll("option").Select(o => o.GetAttribute("value") ?? ""), ids.Contains);
    }

    [Fact]
    public async Task Deciding_from_a_filtered_page_returns_to_that_page_with_the_decided_record_in_sight()
    {
        using var manager = await Client().SignedInAsync("manager1");
        var first = await manager.GetDocumentAsync("/Discipline/Records?view=awaiting&Employee=" + Uri.EscapeDataString(_tech2));
        var second = await manager.GetDocumentAsync(first.QuerySelector("#next-page")!.GetAttribute("href")!);
        var form = second.QuerySelector("[data-testid=decide-form]")!;
        var id = form.QuerySelector("input[name=id]")!.GetAttribute("value")!;
        using var response = await manager.PostAsync("/Discipline/Records?handler=Approve",
        [
            new("id", id), new("version", form.QuerySelector("input[name=version]")!.GetAttribute("value")!),
            new("back", form.QuerySelector("input[name=back]")!.GetAttribute("value")!),
            new("__RequestVerificationToken", form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!),
        ]);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        var back = response.Headers.Location!.PathAndQuery();
        Assert.StartsWith("/Discipline/Records?", back, StringComparison.Ordinal);
        Assert.Contains("view=awaiting", back, StringComparison.Ordinal);
        Assert.Contains("after=", back, StringComparison.Ordinal);
        Assert.Contains("done=" + id, back, StringComparison.Ordinal);
        Assert.DoesNotContain("handler", back, StringComparison.Ordinal);

        var page = await manager.GetDocumentAsync(back);
        var pinned = page.QuerySelector("[data-testid=record-row]")!;
        Assert.Equal((id, "Approved"), (pinned.GetAttribute("data-id"), pinned.GetAttribute("data-status")));
        Assert.Equal("2", page.QuerySelector("[data-testid=queue-page]")!.GetAttribute("data-page"));
    }

    [Theory]
    [InlineData("?From=0001-01-01&To=9999-12-31")]
    [InlineData("?Employee=%00tech&Rule=P5-37%00")]
    [InlineData("?View=nonsense&Status=99&Month=9999-12")]
    [InlineData("?after=99999999999999999999_1&p=-3")]
    [InlineData("?after=1_2_3&p=99999999999")]
    [InlineData("?Dept=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public async Task Hostile_query_input_is_ignored_with_a_message_never_an_error(string query)
    {
        using var manager = await Client().SignedInAsync("manager1");
        var page = await manager.GetDocumentAsync("/Discipline/Records" + query);
        Assert.NotNull(page.QuerySelector("[data-testid=filter-ignored]"));
        Assert.True(Rows(page).Count <= 50);
    }
}
