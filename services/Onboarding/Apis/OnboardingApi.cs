namespace CustomerPlatform.Onboarding;

/// <summary>
/// The Onboarding API (journey.md). Customers reach only their own journey (it is found by their
/// token's id, so another's is simply not there); staff routes say which roles may call them.
/// Handlers validate the body (400), then make their change on the journey under its saga row's lock
/// (<see cref="JourneyRequests"/>): 201/202 means it took effect, 409 says why it cannot now.
/// </summary>
public static class OnboardingApi
{
    public static IEndpointRouteBuilder MapOnboardingApiV1(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/onboarding")
            .WithTags("Onboarding")
            .MapStatus(ResourceNames.Services.Onboarding);

        api.MapGet("tour", JourneyApi.GetTour).RequireAuthorization()
            .WithName("GetProductTour").WithSummary("The product features step 14 asks the customer to explore");

        var journey = api.MapGroup("journey").RequireAuthorization();
        journey.MapGet("", JourneyApi.GetJourneyAsync)
            .WithName("GetJourney").WithSummary("The caller's journey: the 19 steps, their CSM and the survey");
        journey.MapPut("details", JourneyApi.SubmitDetailsAsync)
            .WithName("SubmitDetails").WithSummary("Step 5: the details form");
        journey.MapPut("profile", ExplorationApi.SaveProfileAsync)
            .WithName("SaveProfile").WithSummary("Step 12: the personal profile");
        journey.MapGet("integrations", ExplorationApi.GetIntegrationsAsync)
            .WithName("GetIntegrations").WithSummary("The tools the caller connected");
        journey.MapPost("integrations", ExplorationApi.ConnectIntegrationAsync)
            .WithName("ConnectIntegration").WithSummary("Step 13: connects one of the customer's tools");
        journey.MapPost("explorations", ExplorationApi.ExploreAsync)
            .WithName("ExploreFeature").WithSummary("Step 14: the customer opened a feature of the tour");
        journey.MapPost("queries", ExplorationApi.AskAsync)
            .WithName("AskQuestion").WithSummary("Step 15: a question for the CSM (a ticket)");
        journey.MapPost("steps/{key}/done", ExplorationApi.MarkDoneAsync)
            .WithName("MarkStepDone").WithSummary("Steps 13, 14, 15: the customer is done (or has no questions)");
        journey.MapPost("advanced-training", JourneyApi.AnswerOfferAsync)
            .WithName("AnswerAdvancedTrainingOffer").WithSummary("Step 17: accept or decline advanced training");
        journey.MapPost("help", JourneyApi.AskForHelpAsync)
            .WithName("AskForHelp").WithSummary("A help ticket for the CSM (or the support queue), at any step");
        journey.MapPost("survey", JourneyApi.AnswerSurveyAsync)
            .WithName("AnswerSurvey").WithSummary("The follow-up survey, once, after the journey is complete");

        // Open to customers too, so that another customer's journey is a 404 (house rule 7), not a 403 that says it exists.
        api.MapGet("journeys/{customerId:guid}", JourneyApi.GetCustomerJourneyAsync)
            .RequireAuthorization()
            .WithName("GetCustomerJourney").WithSummary("Staff: any customer's journey; a customer: only their own");

        api.MapGet("journeys", JourneyListApi.ListAsync)
            .RequireAuthorization(policy => policy.RequireRole(Roles.Admin, Roles.SuccessManager))
            .WithName("ListJourneys").WithSummary("Staff: a CSM's customers' journeys (an admin: everyone's, or ?successManagerId=), stuck first (status=in-progress|completed, page, pageSize)");

        var approvals = api.MapGroup("approvals").RequireAuthorization(policy => policy.RequireRole(Roles.Admin, Roles.SuccessManager));
        approvals.MapGet("", ApprovalsApi.GetApprovalsAsync)
            .WithName("GetApprovals").WithSummary("Staff: the approvals the caller may decide (status=pending|approved|rejected)");
        approvals.MapPost("{approvalId:guid}/decision", ApprovalsApi.DecideAsync)
            .WithName("DecideApproval").WithSummary("Staff: approve, or reject with a reason");

        return app;
    }
}
