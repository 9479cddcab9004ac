using System.Globalization;
using System.Net;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using AfterSales.Domain.Exchanges;
using AfterSales.Domain.Quality;
using AfterSales.Domain.Tickets;
using AfterSales.Web.Tests.FollowUps;
using AfterSales.Web.Tests.Infrastructure;
using AfterSales.Web.Tests.Quality;
using AfterSales.Web.Tests.WorkOrders;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;
using static AfterSales.Web.Tests.Foundation.AccessTableTests.Outcome;

namespace AfterSales.Web.Tests.Foundation;

/// <summary>
/// Who may open every page and call every handler: a literal table of each request (every page's GET, every named GET
/// handler, every POST handler) × anonymous and each role → what the app answers. A page or a handler added without a
/// row fails <see cref="Every_page_and_handler_has_a_row"/>; a changed answer fails <see cref="Every_role_gets_what_the_table_says"/>.
/// POSTs carry a valid antiforgery token and an empty form: a refused role is turned away before anything is read
/// (sign-in or access denied), an allowed one gets the page's own answer to an empty form (its message, 200; a
/// redirect; 400; or 404 for a record that is not there).
/// </summary>
public sealed class AccessTableTests(AppFixture app, ITestOutputHelper output) : AppTest(app)
{
    /// <summary>What a request got.</summary>
    public enum Outcome
    {
        /// <summary>200: the page, its message, a file or JSON.</summary>
        Ok,

        /// <summary>A redirect somewhere else than sign-in or access denied (Post/Redirect/Get, a default view).</summary>
        Redirect,

        /// <summary>400.</summary>
        Bad,

        /// <summary>Redirect to sign in.</summary>
        Login,

        /// <summary>Redirect to the access-denied page (or 403).</summary>
        Denied,

        /// <summary>404: not there, or not the caller's (another technician's work order).</summary>
        NotFound,

        /// <summary>500: only the error page itself, opened directly without a status.</summary>
        Failed,
    }

    /// <summary>
    /// One request and its answer per caller. <see cref="Request"/> is the verb, the page's route template and the
    /// handler, as the app declares them; " · other technician" marks the same request on another technician's work order.
    /// </summary>
    private sealed record Row(string Request, Outcome Anonymous, Outcome Desk, Outcome Dispatcher, Outcome Technician, Outcome Quality, Outcome Manager, Outcome Admin)
    {
        public Outcome[] Outcomes => [Anonymous, Desk, Dispatcher, Technician, Quality, Manager, Admin];

        public string Key => Request.Split(" · ")[0];

        public string? Variant => Request.Contains(" · ", StringComparison.Ordinal) ? Request.Split(" · ")[1] : null;
    }

    private const string OtherTechnician = "other technician";

    /// <summary>The callers, in the table's column order; null is anonymous.</summary>
    private static readonly string?[] Callers = [null, "desk1", "dispatch1", "tech1", "quality1", "manager1", "admin1"];

    private static readonly Row[] Table =
    [
        // request (verb, route template, handler)                  anonymous desk      dispatch  tech      quality   manager   admin
        new("GET /",                                                    Login,    Ok,       Ok,       Ok,       Ok,       Ok,       Ok),
        new("GET /Account/AccessDenied",                                Denied,   Denied,   Denied,   Denied,   Denied,   Denied,   Denied),
        new("GET /Account/ChangePassword",                              Login,    Ok,       Ok,       Ok,       Ok,       Ok,       Ok),
        new("GET /Account/Login",                                       Ok,       Ok,       Ok,       Ok,       Ok,       Ok,       Ok),
        new("GET /Admin/Calendar",                                      Login,    Denied,   Denied,   Denied,   Denied,   Denied,   Ok),
        new("GET /Admin/Products",                                      Login,    Denied,   Denied,   Denied,   Denied,   Denied,   Ok),
        new("GET /Admin/Products/Category/{id:long}",                   Login,    Denied,   Denied,   Denied,   Denied,   Denied,   Ok),
        new("GET /Admin/Products/Model/{id:long}",                      Login,    Denied,   Denied,   Denied,   Denied,   Denied,   Ok),
        new("GET /Admin/Users",                                         Login,    Denied,   Denied,   Denied,   Denied,   Denied,   Ok),
        new("GET /Admin/Users/Edit/{id}",                               Login,    Denied,   Denied,   Denied,   Denied,   Denied,   Ok),
        new("GET /Culture",                                             Redirect, Redirect, Redirect, Redirect, Redirect, Redirect, Redirect),
        new("GET /Customers/{id:long}",                                 Login,    Ok,       Ok,       Denied,   Ok,       Ok,       Denied),
        new("GET /Discipline/Me",                                       Login,    Ok,       Ok,       Ok,       Ok,       Ok,       Ok),
        new("GET /Discipline/Records",                                  Login,    Denied,   Denied,   Denied,   Denied,   Ok,       Ok),
        new("GET /Discipline/Rules",                                    Login,    Ok,       Ok,       Ok,       Ok,       Ok,       Ok),
        new("GET /Dispatch",                                            Login,    Denied,   Ok,       Denied,   Denied,   Ok,       Denied),
        new("GET /Dispatch/Assign/{ticketId:long}",                     Login,    Denied,   Ok,       Denied,   Denied,   Ok,       Denied),
        new("GET /Dispatch/Bulk",                                       Login,    Denied,   Ok,       Denied,   Denied,   Ok,       Denied),
        new("GET /Dispatch/WorkOrder/{id:long}",                        Login,    Denied,   Ok,       Denied,   Denied,   Ok,       Denied),
        new("GET /Error",                                               Failed,   Failed,   Failed,   Failed,   Failed,   Failed,   Failed),
        new("GET /Exchanges",                                           Login,    Ok,       Denied,   Denied,   Denied,   Ok,       Ok),
        new("GET /Exchanges/New",                                       Login,    NotFound, Denied,   Denied,   Denied,   Denied,   Denied),
        new("GET /Exchanges/{id:long}",                                 Login,    Ok,       Denied,   Denied,   Denied,   Ok,       Ok),
        new("GET /FollowUps",                                           Login,    Ok,       Denied,   Denied,   Denied,   Ok,       Denied),
        new("GET /FollowUps/Weekly",                                    Login,    Ok,       Denied,   Denied,   Denied,   Ok,       Denied),
        new("GET /FollowUps/Weekly?handler=Csv",                        Login,    Ok,       Denied,   Denied,   Denied,   Ok,       Denied),
        new("GET /FollowUps/{id:long}",                                 Login,    Ok,       Denied,   Denied,   Denied,   Ok,       Denied),
        new("GET /Quality/Complaints",                                  Login,    Ok,       Denied,   Denied,   Ok,       Ok,       Denied),
        new("GET /Quality/Reports",                                     Login,    Denied,   Denied,   Denied,   Ok,       Ok,       Denied),
        new("GET /Quality/Reports/New",                                 Login,    Denied,   Denied,   Denied,   Redirect, Redirect, Denied),
        new("GET /Quality/Reports/{id:long}",                           Login,    Denied,   Denied,   Denied,   Ok,       Ok,       Denied),
        new("GET /Quality/Summary",                                     Login,    Denied,   Denied,   Denied,   Ok,       Ok,       Denied),
        new("GET /Quality/Summary?handler=Csv",                         Login,    Denied,   Denied,   Denied,   Ok,       Ok,       Denied),
        new("GET /Tallies",                                             Login,    Redirect, Redirect, Redirect, Redirect, Redirect, Redirect),
        new("GET /Tallies/{month}",                                     Login,    Ok,       Ok,       Ok,       Ok,       Ok,       Ok),
        new("GET /Tallies/{month}/Export",                              Login,    Ok,       Ok,       Ok,       Ok,       Ok,       Ok),
        new("GET /Tallies/{month}?handler=Trend",                       Login,    NotFound, NotFound, NotFound, NotFound, NotFound, NotFound),
        new("GET /Tallies/{month}?handler=Work",                        Login,    NotFound, NotFound, NotFound, NotFound, NotFound, NotFound),
        new("GET /Technicians",                                         Login,    Denied,   Ok,       Denied,   Denied,   Denied,   Ok),
        new("GET /Technicians/Edit/{id}",                               Login,    Denied,   Ok,       Denied,   Denied,   Denied,   Ok),
        new("GET /Tickets",                                             Login,    Ok,       Ok,       Denied,   Ok,       Ok,       Denied),
        new("GET /Tickets/Bulk",                                        Login,    Redirect, Redirect, Denied,   Redirect, Redirect, Denied),
        new("GET /Tickets/Export",                                      Login,    Ok,       Ok,       Denied,   Ok,       Ok,       Denied),
        new("GET /Tickets/Export?handler=Count",                        Login,    Ok,       Ok,       Denied,   Ok,       Ok,       Denied),
        new("GET /Tickets/New",                                         Login,    Ok,       Ok,       Denied,   Denied,   Ok,       Denied),
        new("GET /Tickets/New?handler=CallerContext",                   Login,    Ok,       Ok,       Denied,   Denied,   Ok,       Denied),
        new("GET /Tickets/New?handler=Lookup",                          Login,    Ok,       Ok,       Denied,   Denied,   Ok,       Denied),
        new("GET /Tickets/New?handler=Warranty",                        Login,    Ok,       Ok,       Denied,   Denied,   Ok,       Denied),
        new("GET /Tickets/Views",                                       Login,    Ok,       Ok,       Denied,   Ok,       Ok,       Denied),
        new("GET /Tickets/{number}",                                    Login,    Ok,       Ok,       Denied,   Ok,       Ok,       Denied),
        new("GET /Units/{id:long}",                                     Login,    Ok,       Ok,       Denied,   Ok,       Ok,       Denied),
        new("GET /WorkOrders",                                          Login,    Ok,       Ok,       Ok,       Denied,   Ok,       Denied),
        new("GET /WorkOrders/Daily",                                    Login,    Ok,       Denied,   Denied,   Denied,   Ok,       Denied),
        new("GET /WorkOrders/{id:long}",                                Login,    Ok,       Ok,       Ok,       Denied,   Ok,       Denied),
        new("GET /WorkOrders/{id:long} · other technician",             Login,    Ok,       Ok,       NotFound, Denied,   Ok,       Denied),
        new("GET /WorkOrders/{id:long}/Print",                          Login,    Ok,       Ok,       Ok,       Denied,   Ok,       Denied),
        new("GET /WorkOrders/{id:long}/Print · other technician",       Login,    Ok,       Ok,       NotFound, Denied,   Ok,       Denied),
        new("POST /Account/ChangePassword",                             Login,    Ok,       Ok,       Ok,       Ok,       Ok,       Ok),
        new("POST /Account/Login",                                      Ok,       Ok,       Ok,       Ok,       Ok,       Ok,       Ok),
        new("POST /Admin/Calendar?handler=Add",                         Login,    Denied,   Denied,   Denied,   Denied,   Denied,   Ok),
        new("POST /Admin/Calendar?handler=Remove",                      Login,    Denied,   Denied,   Denied,   Denied,   Denied,   NotFound),
        new("POST /Admin/Calendar?handler=Confirm",                     Login,    Denied,   Denied,   Denied,   Denied,   Denied,   NotFound),
        new("POST /Admin/Products/Category/{id:long}",                  Login,    Denied,   Denied,   Denied,   Denied,   Denied,   Ok),
        new("POST /Admin/Products/Model/{id:long}",                     Login,    Denied,   Denied,   Denied,   Denied,   Denied,   Ok),
        new("POST /Admin/Products?handler=CreateCategory",              Login,    Denied,   Denied,   Denied,   Denied,   Denied,   Ok),
        new("POST /Admin/Products?handler=CreateModel",                 Login,    Denied,   Denied,   Denied,   Denied,   Denied,   Ok),
        new("POST /Admin/Users/Edit/{id}?handler=Disable",              Login,    Denied,   Denied,   Denied,   Denied,   Denied,   Redirect),
        new("POST /Admin/Users/Edit/{id}?handler=Enable",               Login,    Denied,   Denied,   Denied,   Denied,   Denied,   Redirect),
        new("POST /Admin/Users/Edit/{id}?handler=Roles",                Login,    Denied,   Denied,   Denied,   Denied,   Denied,   Ok),
        new("POST /Admin/Users/Edit/{id}?handler=Unlock",               Login,    Denied,   Denied,   Denied,   Denied,   Denied,   Redirect),
        new("POST /Admin/Users?handler=Create",                         Login,    Denied,   Denied,   Denied,   Denied,   Denied,   Ok),
        new("POST /Customers/{id:long}?handler=AddPhone",               Login,    Ok,       Ok,       Denied,   Ok,       Ok,       Denied),
        new("POST /Customers/{id:long}?handler=AddUnit",                Login,    Ok,       Ok,       Denied,   Ok,       Ok,       Denied),
        new("POST /Customers/{id:long}?handler=RemovePhone",            Login,    Ok,       Ok,       Denied,   Ok,       Ok,       Denied),
        new("POST /Customers/{id:long}?handler=Update",                 Login,    Ok,       Ok,       Denied,   Ok,       Ok,       Denied),
        new("POST /Discipline/Me?handler=Appeal",                       Login,    NotFound, NotFound, NotFound, NotFound, NotFound, NotFound),
        new("POST /Discipline/Records?handler=Approve",                 Login,    Denied,   Denied,   Denied,   Denied,   NotFound, Denied),
        new("POST /Discipline/Records?handler=DecideAppeal",            Login,    Denied,   Denied,   Denied,   Denied,   NotFound, Denied),
        new("POST /Discipline/Records?handler=Propose",                 Login,    Denied,   Denied,   Denied,   Denied,   Ok,       Denied),
        new("POST /Discipline/Records?handler=Reject",                  Login,    Denied,   Denied,   Denied,   Denied,   NotFound, Denied),
        new("POST /Discipline/Records?handler=Reverse",                 Login,    Denied,   Denied,   Denied,   Denied,   NotFound, Denied),
        new("POST /Discipline/Records?handler=Scan",                    Login,    Denied,   Denied,   Denied,   Denied,   Redirect, Denied),
        new("POST /Discipline/Rules?handler=Save",                      Login,    Denied,   Denied,   Denied,   Denied,   Denied,   Ok),
        new("POST /Dispatch/Assign/{ticketId:long}",                    Login,    Denied,   Ok,       Denied,   Denied,   Ok,       Denied),
        new("POST /Dispatch/Bulk",                                      Login,    Denied,   Ok,       Denied,   Denied,   Ok,       Denied),
        new("POST /Dispatch/Bulk?handler=Preview",                      Login,    Denied,   Ok,       Denied,   Denied,   Ok,       Denied),
        new("POST /Dispatch/WorkOrder/{id:long}?handler=Extend",        Login,    Denied,   Ok,       Denied,   Denied,   Ok,       Denied),
        new("POST /Dispatch/WorkOrder/{id:long}?handler=Reschedule",    Login,    Denied,   Ok,       Denied,   Denied,   Ok,       Denied),
        new("POST /Error",                                              Failed,   Failed,   Failed,   Failed,   Failed,   Failed,   Failed),
        new("POST /Exchanges/New",                                      Login,    NotFound, Denied,   Denied,   Denied,   Denied,   Denied),
        new("POST /Exchanges/{id:long}?handler=Complete",               Login,    Ok,       Denied,   Denied,   Denied,   Ok,       Ok),
        new("POST /Exchanges/{id:long}?handler=Resubmit",               Login,    Ok,       Denied,   Denied,   Denied,   Ok,       Ok),
        new("POST /Exchanges/{id:long}?handler=Sign",                   Login,    Ok,       Denied,   Denied,   Denied,   Ok,       Ok),
        new("POST /FollowUps/{id:long}?handler=NoAnswer",               Login,    Ok,       Denied,   Denied,   Denied,   Ok,       Denied),
        new("POST /FollowUps/{id:long}?handler=Reached",                Login,    Ok,       Denied,   Denied,   Denied,   Ok,       Denied),
        new("POST /Quality/Complaints?handler=Agree",                   Login,    NotFound, Denied,   Denied,   NotFound, NotFound, Denied),
        new("POST /Quality/Complaints?handler=Classify",                Login,    Denied,   Denied,   Denied,   NotFound, NotFound, Denied),
        new("POST /Quality/Complaints?handler=Inform",                  Login,    NotFound, Denied,   Denied,   NotFound, NotFound, Denied),
        new("POST /Quality/Complaints?handler=Propose",                 Login,    NotFound, Denied,   Denied,   NotFound, NotFound, Denied),
        new("POST /Quality/Complaints?handler=ReportUp",                Login,    NotFound, Denied,   Denied,   NotFound, NotFound, Denied),
        new("POST /Quality/Complaints?handler=Resolve",                 Login,    NotFound, Denied,   Denied,   NotFound, NotFound, Denied),
        new("POST /Quality/Reports/New",                                Login,    Denied,   Denied,   Denied,   Ok,       Ok,       Denied),
        new("POST /Quality/Reports/{id:long}?handler=Act",              Login,    Denied,   Denied,   Denied,   Ok,       Ok,       Denied),
        new("POST /Quality/Reports/{id:long}?handler=StartVerification",Login,    Denied,   Denied,   Denied,   Ok,       Ok,       Denied),
        new("POST /Quality/Reports/{id:long}?handler=Verify",           Login,    Denied,   Denied,   Denied,   Ok,       Ok,       Denied),
        new("POST /Tallies/{month}?handler=Check",                      Login,    Denied,   Denied,   Denied,   Denied,   Denied,   Ok),
        new("POST /Tallies/{month}?handler=Lock",                       Login,    Denied,   Denied,   Denied,   Denied,   Denied,   Ok),
        new("POST /Tallies/{month}?handler=Publish",                    Login,    Denied,   Denied,   Denied,   Denied,   Ok,       Denied),
        new("POST /Tallies/{month}?handler=SendBack",                   Login,    Denied,   Denied,   Denied,   Denied,   Ok,       Ok),
        new("POST /Tallies/{month}?handler=Submit",                     Login,    Denied,   Denied,   Denied,   Denied,   Redirect, Denied),
        new("POST /Technicians/Edit/{id}",                              Login,    Denied,   Ok,       Denied,   Denied,   Denied,   Ok),
        new("POST /Technicians?handler=Add",                            Login,    Denied,   Ok,       Denied,   Denied,   Denied,   Ok),
        new("POST /Technicians?handler=Remove",                         Login,    Denied,   NotFound, Denied,   Denied,   Denied,   NotFound),
        new("POST /Tickets/Bulk",                                       Login,    Ok,       Ok,       Denied,   Denied,   Ok,       Denied),
        new("POST /Tickets/New",                                        Login,    Ok,       Ok,       Denied,   Denied,   Ok,       Denied),
        new("POST /Tickets/New?handler=RepeatCall",                     Login,    Ok,       Ok,       Denied,   Denied,   Ok,       Denied),
        new("POST /Tickets/Views?handler=Default",                      Login,    Redirect, Redirect, Denied,   Redirect, Redirect, Denied),
        new("POST /Tickets/Views?handler=Delete",                       Login,    NotFound, NotFound, Denied,   NotFound, NotFound, Denied),
        new("POST /Tickets/Views?handler=Rename",                       Login,    NotFound, NotFound, Denied,   NotFound, NotFound, Denied),
        new("POST /Tickets/Views?handler=Save",                         Login,    Ok,       Ok,       Denied,   Ok,       Ok,       Denied),
        new("POST /Tickets/Views?handler=Share",                        Login,    NotFound, NotFound, Denied,   NotFound, NotFound, Denied),
        new("POST /Tickets/Views?handler=Update",                       Login,    NotFound, NotFound, Denied,   NotFound, NotFound, Denied),
        new("POST /Tickets/{number}?handler=Cancel",                    Login,    Ok,       Ok,       Denied,   Denied,   Ok,       Denied),
        new("POST /Tickets/{number}?handler=Consent",                   Login,    Ok,       Ok,       Denied,   Denied,   Ok,       Denied),
        new("POST /Tickets/{number}?handler=Override",                  Login,    Denied,   Ok,       Denied,   Denied,   Ok,       Denied),
        new("POST /Tickets/{number}?handler=Quote",                     Login,    Ok,       Ok,       Denied,   Denied,   Ok,       Denied),
        new("POST /Units/{id:long}?handler=Purchase",                   Login,    Ok,       Ok,       Denied,   Ok,       Ok,       Denied),
        new("POST /WorkOrders/Daily?handler=HandIn",                    Login,    NotFound, Denied,   Denied,   Denied,   NotFound, Denied),
        new("POST /WorkOrders/{id:long}?handler=Accept",                Login,    Denied,   Denied,   Ok,       Denied,   Denied,   Denied),
        new("POST /WorkOrders/{id:long}?handler=Accept · other technician",Login,    Denied,   Denied,   NotFound, Denied,   Denied,   Denied),
        new("POST /WorkOrders/{id:long}?handler=AddExtra",              Login,    Denied,   Denied,   Ok,       Denied,   Denied,   Denied),
        new("POST /WorkOrders/{id:long}?handler=AddPart",               Login,    Denied,   Denied,   Ok,       Denied,   Denied,   Denied),
        new("POST /WorkOrders/{id:long}?handler=Arrive",                Login,    Denied,   Denied,   Ok,       Denied,   Denied,   Denied),
        new("POST /WorkOrders/{id:long}?handler=Complete",              Login,    Denied,   Denied,   Ok,       Denied,   Denied,   Denied),
        new("POST /WorkOrders/{id:long}?handler=Diagnose",              Login,    Denied,   Denied,   Ok,       Denied,   Denied,   Denied),
        new("POST /WorkOrders/{id:long}?handler=Factory",               Login,    Denied,   Denied,   Ok,       Denied,   Denied,   Denied),
        new("POST /WorkOrders/{id:long}?handler=Labour",                Login,    Denied,   Denied,   Ok,       Denied,   Denied,   Denied),
        new("POST /WorkOrders/{id:long}?handler=RemoveExtra",           Login,    Denied,   Denied,   Ok,       Denied,   Denied,   Denied),
        new("POST /WorkOrders/{id:long}?handler=RemovePart",            Login,    Denied,   Denied,   Ok,       Denied,   Denied,   Denied),
        new("POST /WorkOrders/{id:long}?handler=Unfinished",            Login,    Denied,   Denied,   Ok,       Denied,   Denied,   Denied),
        new("GET /Account/Logout",                                      Login,    Redirect, Redirect, Redirect, Redirect, Redirect, Redirect),
        new("POST /Account/Logout",                                     Login,    Login,    Login,    Login,    Login,    Login,    Login),
    ];

    [Fact]
    public async Task Every_page_and_handler_has_a_row()
    {
        var declared = (await DeclaredRequestsAsync()).Select(r => r.Key).ToHashSet(StringComparer.Ordinal);
        var listed = Table.Select(r => r.Key).ToHashSet(StringComparer.Ordinal);
        var missing = declared.Except(listed).Order(StringComparer.Ordinal).ToList();
        var stale = listed.Except(declared).Order(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0, "Requests without a row in the access table (add them with their expected answers):\n" + string.Join("\n", missing));
        Assert.True(stale.Count == 0, "Rows for requests the app no longer has:\n" + string.Join("\n", stale));
        Assert.Equal(Table.Length, Table.Select(r => r.Request).Distinct(StringComparer.Ordinal).Count());
        output.WriteLine($"{Table.Length} rows × {Callers.Length} callers = {Table.Length * Callers.Length} requests; {declared.Count} pages and handlers");
    }

    [Fact]
    public async Task Every_role_gets_what_the_table_says()
    {
        var urls = await ArrangeAsync();
        var clients = new List<AppClient>();
        try
        {
            var tokens = new List<string>();
            foreach (var caller in Callers)
            {
                var client = caller is null ? Client() : await Client().SignedInAsync(caller);
                clients.Add(client);
                var page = await client.GetDocumentAsync(caller is null ? "/Account/Login" : "/Account/ChangePassword");
                tokens.Add(page.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value);
            }

            // Every declared request is tried, listed or not, so the output below is the whole table as the app answers it.
            var declared = await DeclaredRequestsAsync();
            var requests = declared.Select(d => d.Key)
                .SelectMany(key => Table.Where(r => r.Key == key).Select(r => r.Request).DefaultIfEmpty(key))
                .Concat(Table.Select(r => r.Request))
                .Distinct(StringComparer.Ordinal)
                .OrderBy(r => r.Contains("/Account/Logout", StringComparison.Ordinal)) // signing out last
                .ToList();

            var failures = new List<string>();
            var actual = new Dictionary<string, Outcome?[]>(StringComparer.Ordinal);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            foreach (var request in requests)
            {
                var got = new Outcome?[Callers.Length];
                var (verb, url) = Resolve(request, urls);
                for (var i = 0; i < Callers.Length; i++)
                {
                    using var response = verb == "GET"
                        ? await clients[i].GetAsync(url)
                        : await clients[i].PostAsync(url, [new("__RequestVerificationToken", tokens[i])]);
                    got[i] = Classify(response);
                    var row = Table.FirstOrDefault(r => r.Request == request);
                    if (got[i] is null)
                    {
                        failures.Add($"{request} as {Callers[i] ?? "anonymous"}: answered {(int)response.StatusCode} {response.Headers.Location}");
                    }
                    else if (row is not null && row.Outcomes[i] != got[i])
                    {
                        failures.Add($"{request} as {Callers[i] ?? "anonymous"}: expected {row.Outcomes[i]}, got {got[i]} {response.Headers.Location}");
                    }
                }

                actual[request] = got;
            }

            output.WriteLine($"{requests.Count} rows × {Callers.Length} callers in {clock.ElapsedMilliseconds} ms");
            output.WriteLine(Literal(requests, actual));
            Assert.True(failures.Count == 0, string.Join("\n", failures));
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
    }

    private static Outcome? Classify(HttpResponseMessage response)
    {
        var location = response.Headers.Location?.PathAndQuery() ?? "";
        return (int)response.StatusCode switch
        {
            200 => Ok,
            400 => Bad,
            403 => Denied,
            404 => NotFound,
            500 => Failed,
            >= 300 and < 400 when location.StartsWith("/Account/Login", StringComparison.Ordinal) => Login,
            >= 300 and < 400 when location.StartsWith("/Account/AccessDenied", StringComparison.Ordinal) => Denied,
            >= 300 and < 400 => Redirect,
            _ => null,
        };
    }

    /// <summary>The table as the app answered, ready to paste.</summary>
    private static string Literal(List<string> requests, Dictionary<string, Outcome?[]> actual)
    {
        var text = new StringBuilder();
        foreach (var request in requests)
        {
            var cells = actual[request].Select(o => ((o?.ToString() ?? "?") + ",").PadRight(10));
            text.Append(CultureInfo.InvariantCulture, $"        new({("\"" + request + "\",").PadRight(60)}{string.Concat(cells).TrimEnd().TrimEnd(',')}),\n");
        }

        return text.ToString();
    }

    private sealed record Declared(string Key, string ViewEnginePath);

    /// <summary>
    /// Every page (its GET) and every handler of every page model (On{Verb}{Handler}[Async], found by reflection), keyed
    /// as the table is: verb, the page's route template (the short one for an Index page), ?handler=name.
    /// </summary>
    private async Task<List<Declared>> DeclaredRequestsAsync()
    {
        var services = App.Factory.Services;
        var loader = services.GetRequiredService<PageLoader>();
        var endpoints = services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null)
            .ToList();
        var handler = new Regex("^On(Get|Post|Put|Patch|Delete)(\\w*?)(Async)?$", RegexOptions.CultureInvariant);
        var declared = new List<Declared>();
        var modelTypes = new HashSet<Type>();
        foreach (var page in endpoints.GroupBy(e => e.Metadata.GetMetadata<PageActionDescriptor>()!.ViewEnginePath))
        {
            var template = "/" + page.Select(e => e.RoutePattern.RawText ?? "").OrderBy(t => t.EndsWith("Index", StringComparison.Ordinal)).ThenBy(t => t.Length).First().TrimStart('/');
            var endpoint = page.First();
            var compiled = await loader.LoadAsync(endpoint.Metadata.GetMetadata<PageActionDescriptor>()!, endpoint.Metadata);
            var model = (compiled.ModelTypeInfo ?? compiled.HandlerTypeInfo).AsType();
            modelTypes.Add(model);
            var keys = new SortedSet<string>(StringComparer.Ordinal) { "GET " + template };
            foreach (var method in model.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            {
                var match = handler.Match(method.Name);
                if (match.Success)
                {
                    var name = match.Groups[2].Value;
                    keys.Add(match.Groups[1].Value.ToUpperInvariant() + " " + template + (name.Length == 0 ? "" : "?handler=" + name));
                }
            }

            declared.AddRange(keys.Select(k => new Declared(k, page.Key)));
        }

        // Every page model of the app is behind some page (none is left out of the table by having no route).
        var pageModels = typeof(Program).Assembly.GetTypes().Where(t => typeof(PageModel).IsAssignableFrom(t) && !t.IsAbstract).ToHashSet();
        Assert.Empty(pageModels.Except(modelTypes).Select(t => t.FullName));
        return declared.OrderBy(d => d.Key, StringComparer.Ordinal).ToList();
    }

    /// <summary>The request's address with the route values of the records <see cref="ArrangeAsync"/> made.</summary>
    private static (string Verb, string Url) Resolve(string request, Dictionary<string, string> values)
    {
        var variant = request.Contains(" · ", StringComparison.Ordinal) ? request.Split(" · ")[1] : null;
        var key = request.Split(" · ")[0];
        var verb = key[..key.IndexOf(' ', StringComparison.Ordinal)];
        var url = key[(verb.Length + 1)..];
        var path = url.Split('?')[0];
        var query = url.Contains('?', StringComparison.Ordinal) ? url[url.IndexOf('?', StringComparison.Ordinal)..] : "";
        var resolved = Regex.Replace(path, "\\{(\\w+)(:\\w+)?\\}", m =>
        {
            var name = path[..m.Index] + m.Groups[1].Value + (variant is null ? "" : " · " + variant);
            return values.TryGetValue(name, out var value) ? value : throw new InvalidOperationException($"No record arranged for {name} ({request})");
        });
        return (verb, resolved + query);
    }

    /// <summary>One record of each kind a page with a route value opens, keyed by the template's path before the value and its name ("/WorkOrders/id").</summary>
    private async Task<Dictionary<string, string>> ArrangeAsync()
    {
        static string S(long id) => id.ToString(CultureInfo.InvariantCulture);
        var tech1 = await FieldWorkData.UserIdAsync(App, "tech1");
        var (ownWorkOrder, _, _) = await FieldWorkData.WorkOrderAsync(App, "tech1", "13700000101");
        var (otherWorkOrder, _, _) = await FieldWorkData.WorkOrderAsync(App, "tech2", "13700000102");
        var (_, _, followUp) = await FollowUpData.CompletedRepairAsync(App, tech1, "KF2001-0103", "13700000103");
        var (complaint, _) = await QualityData.ComplaintAsync(App, "KF2301-0104", "13700000104");

        await using var db = App.NewDbContext();
        var (customer, unit) = await TestData.CustomerWithUnitAsync(db, "何先生", "13700000105", "KF2510-0105", TestData.Today.AddMonths(-3));
        var ticket = await TestData.TicketAsync(db, customer, unit, "同一故障三次维修未修复", TicketKind.Exchange);
        var desk1 = await db.Users.Where(u => u.UserName == "desk1").Select(u => u.Id).SingleAsync();
        var exchange = ExchangeRequest.Request(ticket.Id, unit.Id, ticket.WarrantyStatus, "压缩机三次维修仍异响", null, desk1, DateTimeOffset.UtcNow, TimeSpan.FromHours(48));
        db.ExchangeRequests.Add(exchange);
        var quality1 = await db.Users.Where(u => u.UserName == "quality1").Select(u => u.Id).SingleAsync();
        var report = QualityReport.Raise([complaint], "压缩机异响", Severity.Major, null, null, quality1, TestData.Today.AddDays(10), quality1, DateTimeOffset.UtcNow, TestData.Today);
        db.QualityReports.Add(report);
        await db.SaveChangesAsync();

        var model = await db.ProductModels.OrderBy(m => m.Id).FirstAsync();
        var month = TestData.Today.AddMonths(-1).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["/Admin/Products/Category/id"] = S(model.CategoryId),
            ["/Admin/Products/Model/id"] = S(model.Id),
            ["/Admin/Users/Edit/id"] = await db.Users.Where(u => u.UserName == "desk8").Select(u => u.Id).SingleAsync(),
            ["/Customers/id"] = S(customer.Id),
            ["/Units/id"] = S(unit.Id),
            ["/Tickets/number"] = ticket.Number,
            ["/Dispatch/Assign/ticketId"] = S(ticket.Id),
            ["/Dispatch/WorkOrder/id"] = S(ownWorkOrder),
            ["/Exchanges/id"] = S(exchange.Id),
            ["/FollowUps/id"] = S(followUp.Id),
            ["/Quality/Reports/id"] = S(report.Id),
            ["/Tallies/month"] = month,
            ["/Technicians/Edit/id"] = tech1,
            ["/WorkOrders/id"] = S(ownWorkOrder),
            ["/WorkOrders/id · " + OtherTechnician] = S(otherWorkOrder),
        };
    }
}
