using AfterSales.Domain.WorkOrders;

namespace AfterSales.Domain.Tests.WorkOrders;

public class JobStepsTests
{
    public static TheoryData<WorkOrderStatus, bool, int, decimal, JobStep> Cases => new()
    {
        { WorkOrderStatus.Assigned, false, 0, 0m, JobStep.Accept },
        { WorkOrderStatus.Accepted, false, 0, 0m, JobStep.Arrive },
        { WorkOrderStatus.Unfinished, false, 1, 1m, JobStep.Arrive },
        { WorkOrderStatus.OnSite, false, 0, 0m, JobStep.Diagnose },
        { WorkOrderStatus.Diagnosed, false, 0, 0m, JobStep.Parts },
        { WorkOrderStatus.Diagnosed, true, 2, 1.5m, JobStep.Parts },
        { WorkOrderStatus.Diagnosed, false, 1, 0m, JobStep.Repair },
        { WorkOrderStatus.Diagnosed, false, 0, 0.25m, JobStep.Confirm },
        { WorkOrderStatus.Diagnosed, false, 1, 1.5m, JobStep.Confirm },
        { WorkOrderStatus.AtFactory, false, 1, 0m, JobStep.Confirm },
        { WorkOrderStatus.Completed, false, 1, 1m, JobStep.Completed },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_job_is_at_the_step_its_status_and_records_say(WorkOrderStatus status, bool waitingForConsent, int parts, decimal hours, JobStep expected)
    {
        Assert.Equal(expected, JobSteps.Current(status, waitingForConsent, parts, hours));
    }

    [Fact]
    public void Steps_before_the_current_one_are_done_and_after_it_upcoming()
    {
        var states = JobSteps.All.Select(s => JobSteps.StateOf(s, JobStep.Diagnose)).ToArray();

        Assert.Equal([JobStepState.Done, JobStepState.Done, JobStepState.Current, JobStepState.Upcoming, JobStepState.Upcoming, JobStepState.Upcoming, JobStepState.Upcoming], states);
    }

    [Fact]
    public void The_steps_run_from_accepting_to_completed()
    {
        Assert.Equal(JobStep.Accept, JobSteps.All[0]);
        Assert.Equal(JobStep.Completed, JobSteps.All[^1]);
        Assert.Equal(7, JobSteps.All.Count);
    }
}
