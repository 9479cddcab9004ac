using AfterSales.Domain.Tickets;
using AfterSales.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Web.Pages.Tickets;

/// <summary>
/// Choosing the saved view the ticket list opens on (<c>/Tickets/Views?handler=Default</c>): one row per user, no version
/// to hold (the last choice wins). Two tabs choosing at once: the second finds the first's row and updates it (the key is the user).
/// </summary>
public static class DefaultView
{
    /// <param name="viewId">The view to open on; null: none (the list opens on all tickets).</param>
    public static async Task ChooseAsync(AfterSalesDbContext db, string userId, long? viewId, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var current = await db.SavedViewDefaults.FirstOrDefaultAsync(d => d.UserId == userId, cancellationToken);
            if (viewId is null && current is not null)
            {
                db.SavedViewDefaults.Remove(current);
            }
            else if (viewId is { } chosen && current is null)
            {
                db.SavedViewDefaults.Add(new SavedViewDefault(userId, chosen));
            }
            else if (viewId is { } other)
            {
                current!.Choose(other);
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return;
            }
            catch (DbUpdateException) when (attempt == 0)
            {
                db.ChangeTracker.Clear();
            }
        }
    }
}
