namespace CustomerPlatform.Notifications;

public static class NotificationsApi
{
    public static IEndpointRouteBuilder MapNotificationsApiV1(this IEndpointRouteBuilder app)
    {
        app.MapGroup("api/notifications")
            .WithTags("Notifications")
            .MapStatus(ResourceNames.Services.Notifications);

        return app;
    }
}
