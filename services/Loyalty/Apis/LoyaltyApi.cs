namespace CustomerPlatform.Loyalty;

public static class LoyaltyApi
{
    public static IEndpointRouteBuilder MapLoyaltyApiV1(this IEndpointRouteBuilder app)
    {
        app.MapGroup("api/loyalty")
            .WithTags("Loyalty")
            .MapStatus(ResourceNames.Services.Loyalty);

        return app;
    }
}
