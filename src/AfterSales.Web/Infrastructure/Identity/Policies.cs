using System.Security.Claims;
using AfterSales.Domain.Exchanges;
using AfterSales.Domain.WorkOrders;
using Microsoft.AspNetCore.Authorization;

namespace AfterSales.Web.Infrastructure.Identity;

/// <summary>
/// Every role decision of the app, in one place. Admins administer; they do not take over other roles' work.
/// Folders and pages name their policy in <see cref="ServiceSetup"/> (Razor Pages conventions); a handler that
/// needs more than its page names its policy with <see cref="HandlerPolicyAttribute"/>; a choice inside a page
/// (what a screen shows, a work order's owner, an exchange step's signer) asks <see cref="IAuthorizationService"/>
/// for one of these policies (<see cref="PolicyChecks"/>), never the roles themselves.
/// </summary>
public static class Policies
{
    public const string Desk = nameof(Desk);
    public const string Dispatch = nameof(Dispatch);
    public const string Technician = nameof(Technician);
    public const string Quality = nameof(Quality);
    public const string Manager = nameof(Manager);
    public const string Admin = nameof(Admin);

    /// <summary>Tickets, customers and units: everyone in the office who handles service requests.</summary>
    public const string ServiceStaff = nameof(ServiceStaff);

    /// <summary>Work orders: technicians (their own only, checked per work order), the desk (hand-in, daily hours), dispatch and managers.</summary>
    public const string FieldWork = nameof(FieldWork);

    /// <summary>Technicians' skills, rotation order, leave and duty rota: admin and dispatch.</summary>
    public const string TechnicianAdmin = nameof(TechnicianAdmin);

    /// <summary>The complaint ledger and quality reports: quality staff, the desk that records complaints, managers. Classifying is Quality only (checked per handler).</summary>
    public const string QualityDesk = nameof(QualityDesk);

    /// <summary>Exchange requests and their ledger: the desk requests; managers (regional head, general manager) and the admin office sign.</summary>
    public const string Exchanges = nameof(Exchanges);

    /// <summary>Logging calls, quoting, recording consent.</summary>
    public const string Intake = nameof(Intake);

    /// <summary>Requesting an exchange: the desk (客服), who took the customer's calls; managers and the office only sign.</summary>
    public const string ExchangeRequest = nameof(ExchangeRequest);

    /// <summary>Overriding a warranty decision (客服主管 or manager), always with a written reason.</summary>
    public const string Supervisor = nameof(Supervisor);

    /// <summary>Managers and the admin office: read every reward/penalty record, see every line of a month's tally, send a month back.</summary>
    public const string Management = nameof(Management);

    /// <summary>Reward/penalty records: managers read and decide; the admin office reads them.</summary>
    public const string DisciplineRecords = nameof(DisciplineRecords);

    /// <summary>The office's view of field work: the desk, dispatch and managers see any work order (read-only) and every open one in the list.</summary>
    public const string WorkOrderOffice = nameof(WorkOrderOffice);

    /// <summary>Resource <see cref="WorkOrder"/>: its own technician, or the office (<see cref="WorkOrderOffice"/>); anyone else is told it does not exist.</summary>
    public const string ViewWorkOrder = nameof(ViewWorkOrder);

    /// <summary>Resource <see cref="WorkOrder"/>: only the technician it is assigned to changes it.</summary>
    public const string ChangeWorkOrder = nameof(ChangeWorkOrder);

    /// <summary>Resource <see cref="ExchangeStep"/>: the regional head and the general manager are managers (two different people), the office verification is the admin office's.</summary>
    public const string SignExchangeStep = nameof(SignExchangeStep);

    /// <summary>Sharing ticket-list views with the team: dispatchers (客服主管) and managers.</summary>
    public const string ShareViews = nameof(ShareViews);

    private static readonly string[] OfficeRoles = [Roles.Desk, Roles.Dispatcher, Roles.Manager];

    public static void Add(AuthorizationOptions options)
    {
        options.AddPolicy(Desk, p => p.RequireRole(Roles.Desk, Roles.Manager));
        options.AddPolicy(Dispatch, p => p.RequireRole(Roles.Dispatcher, Roles.Manager));
        options.AddPolicy(Technician, p => p.RequireRole(Roles.Technician));
        options.AddPolicy(Quality, p => p.RequireRole(Roles.Quality, Roles.Manager));
        options.AddPolicy(Manager, p => p.RequireRole(Roles.Manager));
        options.AddPolicy(Admin, p => p.RequireRole(Roles.Admin));
        options.AddPolicy(ServiceStaff, p => p.RequireRole(Roles.Desk, Roles.Dispatcher, Roles.Quality, Roles.Manager));
        options.AddPolicy(Intake, p => p.RequireRole(Roles.Desk, Roles.Dispatcher, Roles.Manager));
        options.AddPolicy(FieldWork, p => p.RequireRole(Roles.Technician, Roles.Desk, Roles.Dispatcher, Roles.Manager));
        options.AddPolicy(TechnicianAdmin, p => p.RequireRole(Roles.Admin, Roles.Dispatcher));
        options.AddPolicy(QualityDesk, p => p.RequireRole(Roles.Quality, Roles.Desk, Roles.Manager));
        options.AddPolicy(Exchanges, p => p.RequireRole(Roles.Desk, Roles.Manager, Roles.Admin));
        options.AddPolicy(ExchangeRequest, p => p.RequireRole(Roles.Desk));
        options.AddPolicy(Supervisor, p => p.RequireRole(Roles.Dispatcher, Roles.Manager));
        options.AddPolicy(Management, p => p.RequireRole(Roles.Manager, Roles.Admin));
        options.AddPolicy(DisciplineRecords, p => p.RequireRole(Roles.Manager, Roles.Admin));
        options.AddPolicy(WorkOrderOffice, p => p.RequireRole(OfficeRoles));
        options.AddPolicy(ViewWorkOrder, p => p.RequireAuthenticatedUser().RequireAssertion(c =>
            c.Resource is WorkOrder w && (OwnsWorkOrder(c.User, w) || OfficeRoles.Any(c.User.IsInRole))));
        options.AddPolicy(ChangeWorkOrder, p => p.RequireAuthenticatedUser().RequireAssertion(c => c.Resource is WorkOrder w && OwnsWorkOrder(c.User, w)));
        options.AddPolicy(SignExchangeStep, p => p.RequireAuthenticatedUser().RequireAssertion(c =>
            c.Resource is ExchangeStep step && c.User.IsInRole(step == ExchangeStep.OfficeVerification ? Roles.Admin : Roles.Manager)));
        options.AddPolicy(ShareViews, p => p.RequireRole(Roles.Dispatcher, Roles.Manager));
        options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
    }

    private static bool OwnsWorkOrder(ClaimsPrincipal user, WorkOrder workOrder) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) is { Length: > 0 } id && workOrder.TechnicianId == id;
}
