using Microsoft.AspNetCore.Authorization;

namespace AfterSales.Web.Infrastructure.Identity;

/// <summary>Who may open which area. Admins administer; they do not take over other roles' work.</summary>
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
        options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
    }
}
