using System.Security.Claims;
using AfterSales.Web.Infrastructure.Identity;

namespace AfterSales.Web.Infrastructure;

/// <summary>The menu: each role sees the pages it works with (labels are resource keys).</summary>
public static class Navigation
{
    public sealed record Item(string Url, string Label, string TestId, string[] Roles);

    public static readonly IReadOnlyList<Item> Items =
    [
        new("/Tickets/New", "Nav.NewTicket", "nav-new-ticket", [Identity.Roles.Desk, Identity.Roles.Dispatcher, Identity.Roles.Manager]),
        new("/Tickets", "Nav.Tickets", "nav-tickets", [Identity.Roles.Desk, Identity.Roles.Dispatcher, Identity.Roles.Quality, Identity.Roles.Manager]),
        new("/Dispatch", "Nav.Dispatch", "nav-dispatch", [Identity.Roles.Dispatcher, Identity.Roles.Manager]),
        new("/WorkOrders", "Nav.WorkOrders", "nav-work-orders", [Identity.Roles.Technician]),
        new("/WorkOrders/Daily", "Nav.DailyHours", "nav-daily-hours", [Identity.Roles.Desk, Identity.Roles.Manager]),
        new("/FollowUps", "Nav.FollowUps", "nav-follow-ups", [Identity.Roles.Desk, Identity.Roles.Manager]),
        new("/FollowUps/Weekly", "Nav.WeeklyReport", "nav-weekly-report", [Identity.Roles.Desk, Identity.Roles.Manager]),
        new("/Quality/Complaints", "Nav.Complaints", "nav-complaints", [Identity.Roles.Quality, Identity.Roles.Desk, Identity.Roles.Manager]),
        new("/Quality/Reports", "Nav.QualityReports", "nav-quality-reports", [Identity.Roles.Quality, Identity.Roles.Manager]),
        new("/Exchanges", "Nav.Exchanges", "nav-exchanges", [Identity.Roles.Desk, Identity.Roles.Manager, Identity.Roles.Admin]),
        new("/Tallies", "Nav.Tallies", "nav-tallies", [.. Identity.Roles.All]),
        new("/Discipline/Records", "Nav.DisciplineRecords", "nav-discipline-records", [Identity.Roles.Manager, Identity.Roles.Admin]),
        new("/Discipline/Me", "Nav.DisciplineMe", "nav-discipline-me", [.. Identity.Roles.All]),
        new("/Discipline/Rules", "Nav.DisciplineRules", "nav-discipline-rules", [.. Identity.Roles.All]),
        new("/Admin/Users", "Nav.AdminUsers", "nav-admin-users", [Identity.Roles.Admin]),
        new("/Admin/Calendar", "Nav.AdminCalendar", "nav-admin-calendar", [Identity.Roles.Admin]),
        new("/Technicians", "Nav.AdminTechnicians", "nav-technicians", [Identity.Roles.Admin, Identity.Roles.Dispatcher]),
        new("/Admin/Products", "Nav.AdminProducts", "nav-admin-products", [Identity.Roles.Admin]),
    ];

    public static IEnumerable<Item> For(ClaimsPrincipal user) => Items.Where(i => i.Roles.Any(user.IsInRole));
}
