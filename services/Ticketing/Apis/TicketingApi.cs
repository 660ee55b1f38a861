namespace CustomerPlatform.Ticketing;

public static class TicketingApi
{
    public static IEndpointRouteBuilder MapTicketingApiV1(this IEndpointRouteBuilder app)
    {
        app.MapGroup("api/support")
            .WithTags("Ticketing")
            .MapStatus(ResourceNames.Services.Ticketing);

        return app;
    }
}
