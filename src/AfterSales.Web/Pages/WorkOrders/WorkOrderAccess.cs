using System.Security.Claims;
using AfterSales.Domain.WorkOrders;
using AfterSales.Web.Infrastructure.Identity;

namespace AfterSales.Web.Pages.WorkOrders;

/// <summary>
/// Who may see and change a work order: its own technician changes it; the desk, dispatch and managers
/// see any work order read-only; another technician is told it does not exist (404, no hint it does).
/// </summary>
public static class WorkOrderAccess
{
    public static string UserId(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";

    public static bool IsOffice(ClaimsPrincipal user) =>
        user.IsInRole(Roles.Desk) || user.IsInRole(Roles.Dispatcher) || user.IsInRole(Roles.Manager);

    public static bool IsOwner(ClaimsPrincipal user, WorkOrder workOrder) => workOrder.TechnicianId == UserId(user);

    public static bool CanView(ClaimsPrincipal user, WorkOrder workOrder) => IsOwner(user, workOrder) || IsOffice(user);
}
