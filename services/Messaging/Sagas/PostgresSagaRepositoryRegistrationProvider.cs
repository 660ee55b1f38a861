using System.Reflection;
using MassTransit;
using MassTransit.Configuration;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Messaging.Sagas;

/// <summary>
/// Gives every saga the Postgres repository. MassTransit's hook only promises <c>ISaga</c>, while the
/// repository needs <c>ISagaVersion</c> for its version check: the constraint is checked here, at
/// registration, so a saga without a Version fails the service's start instead of its first message.
/// </summary>
internal sealed class PostgresSagaRepositoryRegistrationProvider<TDbContext> : ISagaRepositoryRegistrationProvider
    where TDbContext : DbContext
{
    private static readonly MethodInfo PostgresRepository =
        typeof(PostgresSagaRepositoryRegistrationExtensions).GetMethod(nameof(PostgresSagaRepositoryRegistrationExtensions.PostgresRepository))!;

    public void Configure<TSaga>(ISagaRegistrationConfigurator<TSaga> configurator)
        where TSaga : class, ISaga
    {
        if (!typeof(ISagaVersion).IsAssignableFrom(typeof(TSaga)))
            throw new InvalidOperationException($"The saga {typeof(TSaga).Name} must implement ISagaVersion to be stored in PostgreSQL: the repository checks the version on every update.");

        PostgresRepository.MakeGenericMethod(typeof(TSaga), typeof(TDbContext)).Invoke(null, [configurator]);
    }
}
