namespace AfterSales.Domain.WorkOrders;

/// <summary>The steps of a job as the technician walks through them on site, in order.</summary>
public enum JobStep
{
    /// <summary>接单 — take the job.</summary>
    Accept,

    /// <summary>出发/到达 — travel and arrive, check the unit.</summary>
    Arrive,

    /// <summary>检测 — find the fault.</summary>
    Diagnose,

    /// <summary>配件/报价 — parts used, and the customer's consent to the quote when the repair is chargeable.</summary>
    Parts,

    /// <summary>维修 — the repair: hours and travel.</summary>
    Repair,

    /// <summary>客户确认 — the customer signs.</summary>
    Confirm,

    /// <summary>完成.</summary>
    Completed,
}

/// <summary>Where a step stands for one job.</summary>
public enum JobStepState
{
    Done,
    Current,
    Upcoming,
}

/// <summary>
/// Which step a job is at, from its status and what has been recorded: a job diagnosed and waiting for the
/// customer's consent to the quote stays at parts/quote; once parts or hours are recorded the job moves on to the
/// repair, and once hours are recorded to the customer's confirmation. A job sent to the factory waits for the
/// customer's confirmation; a job left unfinished goes back to travel/arrive for the next visit.
/// </summary>
public static class JobSteps
{
    public static readonly IReadOnlyList<JobStep> All = Enum.GetValues<JobStep>();

    public static JobStep Current(WorkOrderStatus status, bool waitingForConsent, int partCount, decimal labourHours) => status switch
    {
        WorkOrderStatus.Assigned => JobStep.Accept,
        WorkOrderStatus.Accepted or WorkOrderStatus.Unfinished => JobStep.Arrive,
        WorkOrderStatus.OnSite => JobStep.Diagnose,
        WorkOrderStatus.Diagnosed when waitingForConsent || (partCount == 0 && labourHours == 0) => JobStep.Parts,
        WorkOrderStatus.Diagnosed when labourHours == 0 => JobStep.Repair,
        WorkOrderStatus.Diagnosed or WorkOrderStatus.AtFactory => JobStep.Confirm,
        WorkOrderStatus.Completed => JobStep.Completed,
        _ => throw new DomainException("workorder.status_unknown", "Unknown work order status.", status),
    };

    public static JobStepState StateOf(JobStep step, JobStep current) =>
        step < current ? JobStepState.Done : step == current ? JobStepState.Current : JobStepState.Upcoming;
}
