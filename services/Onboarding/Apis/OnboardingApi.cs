namespace CustomerPlatform.Onboarding;

public static class OnboardingApi
{
    public static IEndpointRouteBuilder MapOnboardingApiV1(this IEndpointRouteBuilder app)
    {
        app.MapGroup("api/onboarding")
            .WithTags("Onboarding")
            .MapStatus(ResourceNames.Services.Onboarding);

        return app;
    }
}
