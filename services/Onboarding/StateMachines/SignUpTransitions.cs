using CustomerPlatform.Contracts.Identity;
using CustomerPlatform.Contracts.Notifications;
using CustomerPlatform.Contracts.Onboarding;

namespace CustomerPlatform.Onboarding;

/// <summary>Steps 1–5: sign-up, verification, the details form.</summary>
public static class SignUpTransitions
{
    public static void SignedUp(JourneyContext journey, CustomerSignedUp message)
    {
        journey.Journey.CustomerName = message.DisplayName;
        journey.Journey.CustomerEmail = message.Email;
        journey.Journey.StartedAt = message.SignedUpAt.ToUniversalTime();
        journey.Complete(JourneySteps.SignedUp);
        journey.Activate(JourneySteps.VerificationSent);
    }

    public static void VerificationDelivered(JourneyContext journey)
    {
        if (!journey.Is(JourneySteps.VerificationSent, StepStatuses.Active))
            return;
        journey.Complete(JourneySteps.VerificationSent);
        journey.Activate(JourneySteps.EmailVerified);
    }

    public static void VerificationFailed(JourneyContext journey, EmailFailed message)
    {
        if (journey.Is(JourneySteps.VerificationSent, StepStatuses.Active))
            journey.Note(JourneySteps.VerificationSent, $"The verification email could not be delivered ({message.Reason}); ask for a new one.");
    }

    public static async Task VerifiedAsync(JourneyContext journey)
    {
        if (journey.Journey.IsCompleted(JourneySteps.EmailVerified))
        {
            journey.Ignore(nameof(EmailVerified), "the address is already verified");
            return;
        }

        // The link was clicked, so the email arrived, whatever Notifications has said so far.
        journey.Complete(JourneySteps.VerificationSent);
        journey.Complete(JourneySteps.EmailVerified);
        journey.CustomerActed();

        await journey.SendEmailAsync(EmailTemplates.DetailsForm, journey.Variables(("formLink", journey.Options.Link("/onboarding/details"))));
        journey.Complete(JourneySteps.DetailsFormProvided);
        journey.Activate(JourneySteps.DetailsSubmitted);
    }

    /// <summary>Step 5 (a request): null when done, else why not.</summary>
    public static string? DetailsSubmitted(JourneyContext journey, SubmitJourneyDetails message)
    {
        if (!journey.Is(JourneySteps.DetailsSubmitted, StepStatuses.Active))
            return "The details form is not open: step 5 is not active.";

        journey.Journey.Details = new CustomerDetails(message.Company, message.JobTitle, message.TeamSize, message.Goals, message.Phone, message.Timezone, message.SubmittedAt);
        journey.CustomerActed();
        journey.Complete(JourneySteps.DetailsSubmitted);
        journey.Announce(new CustomerDetailsSubmitted
        {
            CustomerId = journey.CustomerId, Company = message.Company, JobTitle = message.JobTitle, TeamSize = message.TeamSize,
            Phone = message.Phone, Timezone = message.Timezone, SubmittedAt = message.SubmittedAt,
        });
        journey.RequestApproval(JourneySteps.DetailsApproved);
        return null;
    }
}
