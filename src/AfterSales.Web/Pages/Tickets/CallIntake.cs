using AfterSales.Domain;
using AfterSales.Domain.Customers;
using AfterSales.Domain.Products;
using AfterSales.Domain.Tickets;
using AfterSales.Domain.Warranty;
using AfterSales.Web.Data;
using AfterSales.Web.Infrastructure.Settings;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AfterSales.Web.Pages.Tickets;

/// <summary>
/// Saving a call: a new ticket (with the caller and the unit it names or registers, the warranty decision, and for
/// a complaint its ledger row) in one transaction, or a repeat call (催修) added to the caller's open ticket. What
/// the form got wrong goes into the page's model state beside its field; nothing is half-saved.
/// </summary>
public sealed class CallIntake(AfterSalesDbContext db, CompanyClock clock, IStringLocalizer<SharedResource> l, IOptionsSnapshot<QualityOptions> quality)
{
    /// <summary>
    /// The new ticket's number; or null with the reasons in <paramref name="modelState"/>. A twin submit of the same
    /// form (same intake key) gets the number of the ticket the first one made.
    /// </summary>
    public async Task<string?> LogAsync(IntakeCommand input, string user, ModelStateDictionary modelState, CancellationToken cancellationToken)
    {
        if (await TicketOfAsync(input.IntakeKey, cancellationToken) is { } already)
        {
            return already;
        }

        var today = clock.Today;
        try
        {
            var strategy = db.Database.CreateExecutionStrategy();
            var number = await strategy.ExecuteAsync(async () =>
            {
                db.ChangeTracker.Clear();

                // One save in the transaction: a failed save rolls the whole call back, so no savepoint round trips.
                db.Database.AutoSavepointsEnabled = false;
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                var ticket = await BuildTicketAsync(input, today, user, modelState, cancellationToken);
                if (ticket is null)
                {
                    return null;
                }

                db.Tickets.Add(ticket);
                if (ticket.Kind == TicketKind.Complaint)
                {
                    // The complaint ledger row, saved with its ticket.
                    await Infrastructure.Quality.ComplaintLedger.RecordAsync(db, ticket, Domain.Complaints.ComplaintSource.Intake, input.FaultCategory, null, user, clock.UtcNow, quality.Value.Classification, clock, cancellationToken);
                }

                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return ticket.Number;
            });
            if (number is not null)
            {
                return number;
            }
        }
        catch (DomainException error)
        {
            modelState.AddModelError(Intake.FieldFor(error), l.Translate(error));
        }
        catch (DbUpdateException error) when (error.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } unique)
        {
            // A twin submit of the same form collides on the unit or the intake key: handled below.
            modelState.AddModelError(unique.ConstraintName == "ix_units_product_model_id_serial_number" ? "Input.SerialNumber" : "", l["Intake.SerialTaken"]);
        }

        db.ChangeTracker.Clear();

        // A twin submit of this very form may have won the race meanwhile (its customer, unit and ticket now
        // exist): show that ticket rather than an error about the twin's data.
        if (await TicketOfAsync(input.IntakeKey, cancellationToken) is { } twin)
        {
            modelState.Clear();
            return twin;
        }

        return null;
    }

    /// <summary>
    /// 催修: the call is recorded and counted on the caller's open ticket of the same unit (the domain raises its
    /// urgency from the second repeat call on); a second submit of the same form is counted once. Null, with the
    /// reason in <paramref name="modelState"/>, when the ticket is not that caller's open ticket for that unit.
    /// </summary>
    public async Task<Ticket?> RecordRepeatCallAsync(RepeatCallCommand command, string user, ModelStateDictionary modelState, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                db.ChangeTracker.Clear();
                var ticket = await db.Tickets.FirstOrDefaultAsync(t => t.Number == command.TicketNumber, cancellationToken);
                if (ticket is null || ticket.CustomerId != command.CustomerId || ticket.UnitId is null || ticket.UnitId != command.UnitId)
                {
                    modelState.AddModelError("", l["Intake.RepeatWrongTicket"]);
                    return null;
                }

                if (ticket.RecordRepeatCall(clock.UtcNow, user, command.FaultDescription, command.IntakeKey))
                {
                    await db.SaveChangesAsync(cancellationToken);
                }

                return ticket;
            }
            catch (DomainException error)
            {
                modelState.AddModelError(error.Code == "field.too_long" ? "Input.FaultDescription" : "", l.Translate(error));
                return null;
            }
            catch (DbUpdateConcurrencyException) when (attempt < 3)
            {
                // Someone changed the ticket meanwhile: a repeat call only adds, so it is applied again to the fresh ticket.
            }
        }
    }

    private Task<string?> TicketOfAsync(Guid intakeKey, CancellationToken cancellationToken) =>
        intakeKey == Guid.Empty
            ? Task.FromResult<string?>(null)
            : db.Tickets.AsNoTracking().Where(t => t.IntakeKey == intakeKey).Select(t => t.Number).FirstOrDefaultAsync(cancellationToken);

    /// <summary>Customer, unit and ticket as the form describes them; null (with field errors) when the form points at something that does not exist.</summary>
    private async Task<Ticket?> BuildTicketAsync(IntakeCommand input, DateOnly today, string user, ModelStateDictionary modelState, CancellationToken cancellationToken)
    {
        Customer customer;
        if (input.CustomerId is { } customerId)
        {
            var found = await db.Customers.Include(c => c.Phones).FirstOrDefaultAsync(c => c.Id == customerId, cancellationToken);
            if (found is null)
            {
                modelState.AddModelError("Input.Phone", l["Intake.UnknownCustomer"]);
                return null;
            }

            customer = found;
            var digits = PhoneNumber.Normalise(input.Phone);
            if (customer.Phones.All(p => p.Number != digits))
            {
                customer.AddPhone(digits);
            }
        }
        else
        {
            customer = new Customer(input.CustomerKind, input.CustomerName!, input.Address, clock.UtcNow);
            customer.AddPhone(input.Phone!);
            db.Customers.Add(customer);
        }

        Unit? unit = null;
        ProductModel? model = null;
        if (input.UnitId is { } unitId)
        {
            unit = await db.Units.FirstOrDefaultAsync(u => u.Id == unitId, cancellationToken);
            if (unit is null || unit.CustomerId != customer.Id)
            {
                modelState.AddModelError("Input.UnitId", l["Intake.UnknownUnit"]);
                return null;
            }

            model = await db.ProductModels.FirstAsync(m => m.Id == unit.ProductModelId, cancellationToken);
        }
        else if (input.ProductModelId is { } modelId)
        {
            model = await db.ProductModels.FirstOrDefaultAsync(m => m.Id == modelId, cancellationToken);
            if (model is null)
            {
                modelState.AddModelError("Input.ProductModelId", l["Intake.ModelRequired"]);
                return null;
            }

            if (!string.IsNullOrWhiteSpace(input.SerialNumber))
            {
                var serial = input.SerialNumber.Trim().ToUpperInvariant();
                var existing = await db.Units.FirstOrDefaultAsync(u => u.ProductModelId == model.Id && u.SerialNumber == serial, cancellationToken);
                if (existing is not null && existing.CustomerId != customer.Id)
                {
                    modelState.AddModelError("Input.SerialNumber", l["Intake.SerialTaken"]);
                    return null;
                }

                unit = existing ?? new Unit(customer.Id, model.Id, serial, input.PurchaseDate, input.HasProof, input.InvoiceNumber, input.Dealer, today);
                if (existing is null)
                {
                    db.Units.Add(unit);
                }
            }
            else
            {
                Unit.CheckPurchaseDate(input.PurchaseDate, today);
            }
        }

        var decision = unit is not null && model is not null
            ? UnitWarranty.Decide(model, unit, today)
            : UnitWarranty.Decide(model, input.PurchaseDate, input.HasProof, null, today);
        var number = await TicketNumbers.NextAsync(db, today, cancellationToken);
        var ticket = Ticket.Create(
            number,
            new TicketIntake
            {
                CustomerId = customer.Id,
                UnitId = unit?.Id,
                ProductModelId = model?.Id,
                Channel = input.Channel,
                Kind = input.Kind,
                Urgency = input.Urgency,
                ServiceMode = input.ServiceMode,
                FaultDescription = input.FaultDescription!,
                PreferredTime = input.PreferredTime,
                EstimatedAmount = input.EstimatedAmount,
            },
            decision,
            clock.UtcNow,
            user,
            input.IntakeKey);
        if (input.AnswerNow)
        {
            ticket.CloseWithAnswer(input.Answer!, clock.UtcNow, user);
        }

        return ticket;
    }
}
