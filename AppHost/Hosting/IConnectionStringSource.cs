namespace CustomerPlatform.AppHost.Hosting;

/// <summary>A runner whose resource others reach through <c>ConnectionStrings__&lt;name&gt;</c>.</summary>
internal interface IConnectionStringSource
{
    string ConnectionString { get; }
}
