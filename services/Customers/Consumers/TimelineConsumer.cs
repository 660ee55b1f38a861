using System.Globalization;
using CustomerPlatform.Contracts.Notifications;
using CustomerPlatform.Contracts.Onboarding;
using CustomerPlatform.Contracts.Ticketing;
using CustomerPlatform.Contracts.Training;
using MassTransit;

namespace CustomerPlatform.Customers.Consumers;

/// <summary>
/// The other services' events on each customer's timeline: one entry per event (its source key), at the event's
/// own time, whatever order they come in. Identity's events are recorded with the profile (<see cref="CustomerAccountConsumer"/>).
/// </summary>
public sealed class TimelineConsumer(CustomersDbContext db, TimeProvider time) :
    IConsumer<OnboardingStepCompleted>, IConsumer<OnboardingCompleted>, IConsumer<SuccessManagerAssigned>, IConsumer<SurveyAnswered>,
    IConsumer<TicketOpened>, IConsumer<TicketAnswered>, IConsumer<TicketSolved>, IConsumer<TicketRated>, IConsumer<TicketMerged>, IConsumer<EmailDelivered>, IConsumer<EmailFailed>,
    IConsumer<CustomerEnrolled>, IConsumer<TrainingCompleted>, IConsumer<TrainingAttemptsExhausted>,
    IConsumer<ReturnRequested>, IConsumer<ReturnApproved>, IConsumer<ReturnRejected>, IConsumer<ReturnReceived>, IConsumer<ReturnRefunded>
{
    public Task Consume(ConsumeContext<OnboardingStepCompleted> context) => RecordAsync(context,
        context.Message.CustomerId, context.Message.CompletedAt, TimelineKinds.StepCompleted, ResourceNames.Services.Onboarding,
        $"Journey step {context.Message.Step} done ({context.Message.Key})", "/onboarding",
        $"onboarding:step:{context.Message.CustomerId}:{context.Message.Step}", metric: context.Message.Step);

    public Task Consume(ConsumeContext<OnboardingCompleted> context) => RecordAsync(context,
        context.Message.CustomerId, context.Message.CompletedAt, TimelineKinds.OnboardingCompleted, ResourceNames.Services.Onboarding,
        context.Message.AdvancedTrainingTaken ? "Onboarding completed, with the advanced training" : "Onboarding completed", "/onboarding",
        $"onboarding:completed:{context.Message.CustomerId}");

    public Task Consume(ConsumeContext<SuccessManagerAssigned> context) => RecordAsync(context,
        context.Message.CustomerId, context.Message.AssignedAt, TimelineKinds.SuccessManagerAssigned, ResourceNames.Services.Onboarding,
        $"{context.Message.SuccessManagerName} became the customer success manager", null,
        $"onboarding:csm:{context.Message.CustomerId}:{context.Message.SuccessManagerId}:{context.Message.AssignedAt.UtcTicks}");

    public Task Consume(ConsumeContext<SurveyAnswered> context) => RecordAsync(context,
        context.Message.CustomerId, context.Message.AnsweredAt, TimelineKinds.SurveyAnswered, ResourceNames.Services.Onboarding,
        $"Survey answered: {context.Message.Score.ToString(CultureInfo.InvariantCulture)}/5"
            + (string.IsNullOrWhiteSpace(context.Message.Comment) ? "" : $": \u201c{Shorten(context.Message.Comment, 300)}\u201d"), null,
        $"onboarding:survey:{context.Message.CustomerId}", metric: context.Message.Score);

    public Task Consume(ConsumeContext<TicketOpened> context) => RecordAsync(context,
        context.Message.CustomerId, context.Message.OpenedAt, TimelineKinds.TicketOpened, ResourceNames.Services.Ticketing,
        $"Ticket opened: {Shorten(context.Message.Subject, 200)}", $"/support/tickets/{context.Message.TicketId}",
        $"ticketing:opened:{context.Message.TicketId}");

    public Task Consume(ConsumeContext<TicketAnswered> context) => RecordAsync(context,
        context.Message.CustomerId, context.Message.AnsweredAt, TimelineKinds.TicketAnswered, ResourceNames.Services.Ticketing,
        "Ticket answered by staff", $"/support/tickets/{context.Message.TicketId}",
        $"ticketing:answered:{context.Message.TicketId}:{context.Message.AnsweredBy:N}:{context.Message.AnsweredAt.UtcTicks}");

    public Task Consume(ConsumeContext<TicketSolved> context) => RecordAsync(context,
        context.Message.CustomerId, context.Message.SolvedAt, TimelineKinds.TicketSolved, ResourceNames.Services.Ticketing,
        $"Ticket solved: {Shorten(context.Message.Subject, 200)}", $"/support/tickets/{context.Message.TicketId}",
        $"ticketing:solved:{context.Message.TicketId}:{context.Message.SolvedAt.UtcTicks}");

    public Task Consume(ConsumeContext<TicketRated> context) => RecordAsync(context,
        context.Message.CustomerId, context.Message.RatedAt, TimelineKinds.TicketRated, ResourceNames.Services.Ticketing,
        $"Support rated {context.Message.Score.ToString(CultureInfo.InvariantCulture)}/5"
            + (string.IsNullOrWhiteSpace(context.Message.Comment) ? "" : $": \u201c{Shorten(context.Message.Comment, 300)}\u201d"),
        $"/support/tickets/{context.Message.TicketId}", $"ticketing:rated:{context.Message.TicketId}", metric: context.Message.Score);

    public Task Consume(ConsumeContext<TicketMerged> context) => RecordAsync(context,
        context.Message.CustomerId, context.Message.MergedAt, TimelineKinds.TicketMerged, ResourceNames.Services.Ticketing,
        "Two tickets merged into one", $"/support/tickets/{context.Message.IntoTicketId}", $"ticketing:merged:{context.Message.TicketId}");

    public Task Consume(ConsumeContext<CustomerEnrolled> context) => RecordAsync(context,
        context.Message.CustomerId, context.Message.EnrolledAt, TimelineKinds.TrainingEnrolled, ResourceNames.Services.Training,
        $"Enrolled in the {context.Message.Level} course", $"/training/{context.Message.EnrollmentId}",
        $"training:enrolled:{context.Message.EnrollmentId}");

    public Task Consume(ConsumeContext<TrainingAttemptsExhausted> context) => RecordAsync(context,
        context.Message.CustomerId, context.Message.ExhaustedAt, TimelineKinds.TrainingAttemptsExhausted, ResourceNames.Services.Training,
        $"Course not passed ({context.Message.Level}): best {context.Message.BestScore.ToString("0.#", CultureInfo.InvariantCulture)} % "
            + $"after {context.Message.AttemptsUsed} attempts; staff may grant more",
        $"/training/{context.Message.EnrollmentId}", $"training:exhausted:{context.Message.EnrollmentId}:{context.Message.ExhaustedAt.UtcTicks}");

    public Task Consume(ConsumeContext<EmailDelivered> context) => RecordAsync(context,
        context.Message.CustomerId, context.Message.DeliveredAt, TimelineKinds.EmailSent, ResourceNames.Services.Notifications,
        $"Email sent: {context.Message.Template}", null, $"notifications:sent:{context.Message.NotificationId}", context.Message.To);

    public Task Consume(ConsumeContext<EmailFailed> context) => RecordAsync(context,
        context.Message.CustomerId, context.Message.FailedAt, TimelineKinds.EmailFailed, ResourceNames.Services.Notifications,
        $"Email not sent: {context.Message.Template} ({Shorten(context.Message.Reason, 200)})", null,
        $"notifications:failed:{context.Message.NotificationId}", context.Message.To);

    public Task Consume(ConsumeContext<TrainingCompleted> context) => RecordAsync(context,
        context.Message.CustomerId, context.Message.CompletedAt, TimelineKinds.TrainingCompleted, ResourceNames.Services.Training,
        $"Course passed ({context.Message.Level}): {context.Message.Score.ToString("0.#", CultureInfo.InvariantCulture)} % in {context.Message.Attempts} attempt(s)",
        $"/training/{context.Message.EnrollmentId}", $"training:completed:{context.Message.EnrollmentId}");

    public Task Consume(ConsumeContext<ReturnRequested> context) => ReturnAsync(context,
        context.Message.NeedsReview ? "asked for, waiting for an agent" : "asked for");

    public Task Consume(ConsumeContext<ReturnApproved> context) => ReturnAsync(context, context.Message.ApprovedBy is null ? "approved by the policy" : "approved");

    public Task Consume(ConsumeContext<ReturnRejected> context) => ReturnAsync(context, $"refused: {Shorten(context.Message.Reason, 200)}");

    public Task Consume(ConsumeContext<ReturnReceived> context) => ReturnAsync(context, "received");

    public Task Consume(ConsumeContext<ReturnRefunded> context) => ReturnAsync(context, "refunded");

    /// <summary>A change of a return: one entry per return and status, its value as the metric.</summary>
    private Task ReturnAsync<T>(ConsumeContext<T> context, string what) where T : ReturnEvent
    {
        var details = context.Message.Return;
        var status = typeof(T).Name["Return".Length..].ToLowerInvariant();
        return RecordAsync(context, details.CustomerId, context.Message.At, TimelineKinds.Return, ResourceNames.Services.Ticketing,
            $"Return {details.ReturnNumber} of order {details.OrderId} ({details.Value.ToString("0.00", CultureInfo.InvariantCulture)} {details.Currency}) {what}",
            $"/support/returns/{details.ReturnId}", $"ticketing:return:{details.ReturnId}:{status}", metric: details.Value);
    }

    /// <param name="email">For an event that may concern a guest (no customer id): their address, linked at sign-up.</param>
    private Task RecordAsync<T>(ConsumeContext<T> context, Guid customerId, DateTimeOffset at, string kind, string source, string text,
        string? link, string sourceKey, string? email = null, decimal? metric = null) where T : class =>
        db.RecordAsync(new TimelineEntry
        {
            Id = NewId.NextGuid(),
            CustomerId = customerId == Guid.Empty ? null : customerId,
            Email = email is null ? null : CustomerProfile.Normalize(email),
            At = at.ToUniversalTime(),
            Kind = kind,
            Source = source,
            Text = text,
            Link = link,
            SourceKey = sourceKey,
            RecordedAt = time.GetUtcNow(),
            Metric = metric,
        }, context.CancellationToken);

    internal static string Shorten(string value, int max) => value.Length <= max ? value : value[..(max - 1)] + "…";
}
