namespace CustomerPlatform.Identity;

public static class IdentityApi
{
    public static IEndpointRouteBuilder MapIdentityApiV1(this IEndpointRouteBuilder app)
    {
        app.MapGroup("api/identity")
            .WithTags("Identity")
            .MapStatus(ResourceNames.Services.Identity);

        return app;
    }
}
