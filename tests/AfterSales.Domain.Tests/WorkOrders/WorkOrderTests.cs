using System.Globalization;
using AfterSales.Domain.Calendar;
using AfterSales.Domain.WorkOrders;

namespace AfterSales.Domain.Tests.WorkOrders;

public class WorkOrderTests
{
    private static readonly WorkingCalendar China = ChinaPublicHolidays.Calendar;
    private static readonly DateOnly Today = D("2026-03-02"); // a Monday
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 2, 0, 0, TimeSpan.Zero);
    private static readonly byte[] Signature = Png(200);

    public enum Step
    {
        Accept,
        Arrive,
        Diagnose,
        AddPart,
        AddExtraService,
        RecordLabour,
        MarkUnfinished,
        ReturnToFactory,
        Complete,
        HandIn,
    }

    private static DateOnly D(string iso) => DateOnly.Parse(iso, CultureInfo.InvariantCulture);

    private static byte[] Png(int length)
    {
        var bytes = new byte[length];
        byte[] header = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
        header.CopyTo(bytes, 0);
        return bytes;
    }

    private static WorkOrder New() => WorkOrder.Create(1, "tech-1", Today, TimeSlot.Morning, Now, "dispatch1");

    /// <summary>A work order brought to <paramref name="status"/> by the legal steps.</summary>
    private static WorkOrder In(WorkOrderStatus status)
    {
        var w = New();
        if (status == WorkOrderStatus.Assigned)
        {
            return w;
        }

        w.Accept(Now);
        if (status == WorkOrderStatus.Accepted)
        {
            return w;
        }

        w.Arrive(Now, true, null);
        if (status == WorkOrderStatus.OnSite)
        {
            return w;
        }

        if (status == WorkOrderStatus.Unfinished)
        {
            w.MarkUnfinished("缺配件", Today.AddDays(2), Today);
            return w;
        }

        w.Diagnose("电容失效", false, Now);
        switch (status)
        {
            case WorkOrderStatus.AtFactory:
                w.ReturnToFactory("SF001", Today, 10, China);
                break;
            case WorkOrderStatus.Completed:
                w.Complete("王女士", Signature, null, Now);
                break;
        }

        return w;
    }

    private static void Do(WorkOrder w, Step step)
    {
        switch (step)
        {
            case Step.Accept: w.Accept(Now); break;
            case Step.Arrive: w.Arrive(Now, true, null); break;
            case Step.Diagnose: w.Diagnose("电容失效", false, Now); break;
            case Step.AddPart: w.AddPart(new PartLine("C-1", "电容", 1, 35m, true)); break;
            case Step.AddExtraService: w.AddExtraService("加装防盗器", 120m, 45m); break;
            case Step.RecordLabour: w.RecordLabour(1m, 80m, 10m, null); break;
            case Step.MarkUnfinished: w.MarkUnfinished("缺配件", Today.AddDays(1), Today); break;
            case Step.ReturnToFactory: w.ReturnToFactory("SF001", Today, 12, China); break;
            case Step.Complete: w.Complete("王女士", Signature, "满意", Now); break;
            case Step.HandIn: w.HandIn(Now, "desk1"); break;
        }
    }

    private static readonly Dictionary<Step, WorkOrderStatus[]> Allowed = new()
    {
        [Step.Accept] = [WorkOrderStatus.Assigned],
        [Step.Arrive] = [WorkOrderStatus.Accepted, WorkOrderStatus.Unfinished],
        [Step.Diagnose] = [WorkOrderStatus.OnSite, WorkOrderStatus.Diagnosed],
        [Step.AddPart] = [WorkOrderStatus.Diagnosed],
        [Step.AddExtraService] = [WorkOrderStatus.Diagnosed],
        [Step.RecordLabour] = [WorkOrderStatus.Diagnosed],
        [Step.MarkUnfinished] = [WorkOrderStatus.OnSite, WorkOrderStatus.Diagnosed],
        [Step.ReturnToFactory] = [WorkOrderStatus.Diagnosed],
        [Step.Complete] = [WorkOrderStatus.Diagnosed, WorkOrderStatus.AtFactory],
        [Step.HandIn] = [WorkOrderStatus.Completed, WorkOrderStatus.Unfinished, WorkOrderStatus.AtFactory],
    };

    public static TheoryData<Step, WorkOrderStatus> EveryStepInEveryStatus()
    {
        var data = new TheoryData<Step, WorkOrderStatus>();
        foreach (var step in Enum.GetValues<Step>())
        {
            foreach (var status in Enum.GetValues<WorkOrderStatus>())
            {
                data.Add(step, status);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryStepInEveryStatus))]
    public void A_step_is_allowed_only_in_its_statuses_and_refused_elsewhere(Step step, WorkOrderStatus status)
    {
        var w = In(status);
        Assert.Equal(status, w.Status);
        if (Allowed[step].Contains(status))
        {
            Do(w, step);
        }
        else
        {
            var error = Assert.Throws<DomainException>(() => Do(w, step));
            Assert.Equal("workorder.illegal_step", error.Code);
            Assert.Equal(status, w.Status);
        }
    }

    [Fact]
    public void The_steps_in_order_end_completed_with_the_customers_confirmation()
    {
        var w = New();
        w.Accept(Now);
        w.Arrive(Now.AddHours(1), false, "外壳螺丝缺失，已告知客户");
        w.Diagnose("压缩机电容失效", false, Now.AddHours(2));
        w.AddPart(new PartLine("C-35UF", "电容", 2, 42.5m, true));
        w.StartPartsClock(Today, China);
        w.RecordLabour(1.5m, 80m, 20m, "公交");
        w.Complete("王女士", Signature, "满意", Now.AddHours(3));

        Assert.Equal(WorkOrderStatus.Completed, w.Status);
        Assert.False(w.IsOpen);
        Assert.False(w.UnitComplete);
        Assert.Equal("外壳螺丝缺失，已告知客户", w.ArrivalNote);
        Assert.Equal("王女士", w.CustomerName);
        Assert.Equal(Signature, w.Signature);
        Assert.Equal(D("2026-03-11"), w.Deadline);
    }

    [Fact]
    public void An_incomplete_or_tampered_unit_needs_a_note()
    {
        var w = In(WorkOrderStatus.Accepted);
        Assert.Equal("workorder.incomplete_needs_note", Assert.Throws<DomainException>(() => w.Arrive(Now, false, "  ")).Code);
        Assert.Equal(WorkOrderStatus.Accepted, w.Status);
    }

    public static TheoryData<byte[]?, string> BadSignatures() => new()
    {
        { null, "workorder.signature_required" },
        { Array.Empty<byte>(), "workorder.signature_required" },
        { Png(99), "workorder.signature_required" },
        { new byte[500], "workorder.signature_required" }, // not a PNG
        { System.Text.Encoding.ASCII.GetBytes(new string('G', 200)), "workorder.signature_required" },
        { Png(WorkOrder.MaxSignatureBytes + 1), "workorder.signature_too_large" },
    };

    [Theory]
    [MemberData(nameof(BadSignatures))]
    public void Completion_needs_a_drawn_png_signature_of_sensible_size(byte[]? signature, string code)
    {
        var w = In(WorkOrderStatus.Diagnosed);
        Assert.Equal(code, Assert.Throws<DomainException>(() => w.Complete("王女士", signature!, null, Now)).Code);
        Assert.Equal(WorkOrderStatus.Diagnosed, w.Status);
        Assert.Null(w.Signature);
    }

    [Theory]
    [InlineData(100)]
    [InlineData(WorkOrder.MaxSignatureBytes)]
    public void A_png_signature_within_the_limits_completes(int length)
    {
        var w = In(WorkOrderStatus.Diagnosed);
        w.Complete("王女士", Png(length), null, Now);
        Assert.Equal(WorkOrderStatus.Completed, w.Status);
    }

    [Fact]
    public void Completion_needs_the_customers_name()
    {
        var w = In(WorkOrderStatus.Diagnosed);
        var error = Assert.Throws<DomainException>(() => w.Complete(" ", Signature, null, Now));
        Assert.Equal("field.required", error.Code);
        Assert.Equal(WorkOrderStatus.Diagnosed, w.Status);
    }

    [Theory]
    [InlineData("", "2026-03-04", "field.required")]
    [InlineData("缺配件", "2026-03-01", "workorder.next_visit_past")]
    public void Unfinished_needs_a_reason_and_a_next_visit_not_in_the_past(string reason, string nextVisit, string code)
    {
        var w = In(WorkOrderStatus.Diagnosed);
        Assert.Equal(code, Assert.Throws<DomainException>(() => w.MarkUnfinished(reason, D(nextVisit), Today)).Code);
        Assert.Equal(WorkOrderStatus.Diagnosed, w.Status);
    }

    [Theory]
    [InlineData("2026-03-02")] // later the same day
    [InlineData("2026-03-05")]
    public void Unfinished_with_a_reason_and_next_visit_waits_for_that_visit(string nextVisit)
    {
        var w = In(WorkOrderStatus.OnSite);
        w.MarkUnfinished("客户不在家", D(nextVisit), Today);
        Assert.Equal(WorkOrderStatus.Unfinished, w.Status);
        Assert.Equal(D(nextVisit), w.NextVisitOn);
        w.Arrive(Now, true, null);
        Assert.Equal(WorkOrderStatus.OnSite, w.Status);
    }

    [Theory]
    [InlineData(10, "2026-03-16")]
    [InlineData(15, "2026-03-23")]
    public void Return_to_factory_starts_the_category_clock_of_10_to_15_working_days(int days, string due)
    {
        var w = In(WorkOrderStatus.Diagnosed);
        w.ReturnToFactory("SF1234567890", Today, days, China);
        Assert.Equal(WorkOrderStatus.AtFactory, w.Status);
        Assert.Equal(RepairKind.ReturnToFactory, w.ClockKind);
        Assert.Equal(days, w.ClockWorkingDays);
        Assert.Equal(D(due), w.Deadline);
        Assert.Equal("SF1234567890", w.ShipmentReference);
    }

    [Theory]
    [InlineData(9)]
    [InlineData(16)]
    public void Return_to_factory_outside_10_to_15_days_is_refused(int days)
    {
        var w = In(WorkOrderStatus.Diagnosed);
        Assert.Equal("clock.factory_days_out_of_range", Assert.Throws<DomainException>(() => w.ReturnToFactory("SF1", Today, days, China)).Code);
        Assert.Equal(WorkOrderStatus.Diagnosed, w.Status);
        Assert.Null(w.ClockKind);
    }

    [Fact]
    public void The_parts_clock_starts_when_the_diagnosis_decides_parts_are_needed_not_when_a_part_is_added()
    {
        // Part 4 1.3.3 / 1.3.3.1: the diagnosis decides the solution (order parts); a repair needing parts takes at most 7 working days.
        var w = In(WorkOrderStatus.OnSite);
        w.Diagnose("压缩机损坏，需订购压缩机", false, Now, partsNeeded: true, Today, China);

        Assert.True(w.PartsNeeded);
        Assert.Equal(RepairKind.PartsReplacement, w.ClockKind);
        Assert.Equal(Today, w.ClockStartedOn);
        Assert.Equal(D("2026-03-11"), w.Deadline);

        // The part arrives days later: the clock already runs from the diagnosis and is not moved.
        w.AddPart(new PartLine("YSK-1", "压缩机", 1, 800m, true));
        Assert.Equal(Today, w.ClockStartedOn);

        // Diagnosing again (the fault rewritten) never restarts it.
        w.Diagnose("压缩机损坏", false, Now.AddDays(3), partsNeeded: true, Today.AddDays(3), China);
        Assert.Equal(D("2026-03-11"), w.Deadline);
    }

    [Fact]
    public void A_repair_on_the_spot_without_parts_to_order_has_no_clock_even_with_a_part_fitted()
    {
        var w = In(WorkOrderStatus.OnSite);
        w.Diagnose("电容失效，随车备件更换", false, Now, partsNeeded: false, Today, China);
        w.AddPart(new PartLine("C-35UF", "电容", 1, 42.5m, true));

        Assert.False(w.PartsNeeded);
        Assert.Null(w.ClockKind);
        Assert.Null(w.Deadline);
    }

    [Fact]
    public void The_parts_clock_starts_once()
    {
        var w = In(WorkOrderStatus.Diagnosed);
        w.StartPartsClock(Today, China);
        Assert.Equal(D("2026-03-11"), w.Deadline);
        Assert.Equal("clock.already_running", Assert.Throws<DomainException>(() => w.StartPartsClock(Today.AddDays(1), China)).Code);
        Assert.Equal(D("2026-03-11"), w.Deadline);
    }

    [Fact]
    public void The_clock_is_extended_before_the_deadline_once_the_customer_was_told()
    {
        var w = In(WorkOrderStatus.Diagnosed);
        Assert.Equal("clock.not_running", Assert.Throws<DomainException>(() => w.ExtendClock(D("2026-03-20"), new CustomerNotification("tech1", Now, "缺货"), Today)).Code);

        w.StartPartsClock(Today, China);
        Assert.Equal("clock.extension_without_notification", Assert.Throws<DomainException>(() => w.ExtendClock(D("2026-03-20"), new CustomerNotification(" ", Now, ""), D("2026-03-10"))).Code);
        Assert.Equal("clock.extension_not_later", Assert.Throws<DomainException>(() => w.ExtendClock(D("2026-03-11"), new CustomerNotification("tech1", Now, "缺货"), D("2026-03-10"))).Code);
        Assert.Equal("clock.extension_after_deadline", Assert.Throws<DomainException>(() => w.ExtendClock(D("2026-03-20"), new CustomerNotification("tech1", Now, "缺货"), D("2026-03-12"))).Code);

        w.ExtendClock(D("2026-03-20"), new CustomerNotification("tech1", Now, "缺货"), D("2026-03-11")); // on the deadline day itself
        Assert.Equal(D("2026-03-20"), w.Deadline);
        Assert.Equal(D("2026-03-11"), w.OriginalDeadline);
        var extension = Assert.Single(w.Extensions);
        Assert.Equal(D("2026-03-11"), extension.PreviousDeadline);
        Assert.Equal(RepairClockState.OnTrack, w.Clock()!.State(D("2026-03-12"), China));
    }

    public static TheoryData<bool, decimal?, decimal> ChargeCases() => new()
    {
        { true, null, 0m },       // in warranty: nothing to the customer
        { true, 300m, 0m },       // in warranty even with a recorded quote
        { false, 300m, 300m },    // out of warranty: the accepted quote
        { false, null, 0m },      // no accepted quote yet: nothing charged (work cannot start anyway)
    };

    [Theory]
    [MemberData(nameof(ChargeCases))]
    public void Charges_cost_the_company_every_line_and_the_customer_only_an_accepted_quote_out_of_warranty(bool inWarranty, decimal? quote, decimal customerPays)
    {
        var w = In(WorkOrderStatus.Diagnosed);
        w.AddPart(new PartLine("C-35UF", "电容", 2, 42.5m, true));
        w.RecordLabour(1.5m, 80m, 20m, null);

        var totals = w.Charges(inWarranty, quote);

        Assert.Equal(85m, totals.Parts);
        Assert.Equal(120m, totals.Labour);
        Assert.Equal(20m, totals.Travel);
        Assert.Equal(225m, totals.InternalCost);
        Assert.Equal(customerPays, totals.CustomerCharge);
    }

    [Fact]
    public void Agreed_extras_are_added_to_the_accepted_quote()
    {
        var w = In(WorkOrderStatus.Diagnosed);
        w.AddPart(new PartLine("C-35UF", "电容", 1, 40m, true));
        w.AddPart(new PartLine("PCB-1", "主板", 1, 260m, false, AgreedExtra: true));
        Assert.Equal(560m, w.Charges(false, 300m).CustomerCharge);
    }

    public static TheoryData<decimal, decimal, decimal, string> BadLabour() => new()
    {
        { -1m, 80m, 0m, "charges.negative_amount" },
        { 1m, -80m, 0m, "charges.negative_amount" },
        { 1m, 80m, -5m, "charges.negative_amount" },
        { 1.234m, 80m, 0m, "charges.hours_not_positive" },
        { 1m, 80.123m, 0m, "charges.amount_precision" },
        { 1m, 80m, 5.555m, "charges.amount_precision" },
    };

    [Theory]
    [MemberData(nameof(BadLabour))]
    public void Labour_and_travel_are_refused_when_negative_or_too_precise(decimal hours, decimal rate, decimal travel, string code)
    {
        var w = In(WorkOrderStatus.Diagnosed);
        Assert.Equal(code, Assert.Throws<DomainException>(() => w.RecordLabour(hours, rate, travel, null)).Code);
        Assert.Equal(0m, w.LabourHours);
        Assert.Equal(0m, w.TravelCost);
    }

    [Theory]
    [InlineData("", "电容", 1, 10, "charges.part_number_required")]
    [InlineData("C-1", " ", 1, 10, "charges.part_name_required")]
    [InlineData("C-1", "电容", 0, 10, "charges.quantity_not_positive")]
    [InlineData("C-1", "电容", 1, -10, "charges.negative_amount")]
    public void A_part_line_needs_number_name_quantity_and_a_price(string number, string name, int quantity, int price, string code)
    {
        var w = In(WorkOrderStatus.Diagnosed);
        Assert.Equal(code, Assert.Throws<DomainException>(() => w.AddPart(new PartLine(number, name, quantity, price, false))).Code);
        Assert.Empty(w.Parts);
    }

    [Fact]
    public void A_part_line_is_removed_by_its_index()
    {
        var w = In(WorkOrderStatus.Diagnosed);
        w.AddPart(new PartLine("A", "一", 1, 1m, false));
        w.AddPart(new PartLine("B", "二", 1, 2m, false));
        Assert.Equal("workorder.no_such_part", Assert.Throws<DomainException>(() => w.RemovePart(2)).Code);
        w.RemovePart(0);
        Assert.Equal("B", Assert.Single(w.Parts).PartNumber);
    }

    [Fact]
    public void A_work_order_is_handed_in_once()
    {
        var w = In(WorkOrderStatus.Completed);
        w.HandIn(Now, "desk1");
        Assert.Equal("desk1", w.HandedInTo);
        Assert.Equal("workorder.already_handed_in", Assert.Throws<DomainException>(() => w.HandIn(Now, "desk2")).Code);
        Assert.Equal("desk1", w.HandedInTo);
    }
}
