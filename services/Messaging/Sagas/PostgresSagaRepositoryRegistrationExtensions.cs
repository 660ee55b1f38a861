using CustomerPlatform.Messaging.Sagas;
using MassTransit;
using MassTransit.Configuration;
using MassTransit.Saga;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Messaging;

public static class PostgresSagaRepositoryRegistrationExtensions
{
    /// <summary>
    /// Stores this saga in PostgreSQL through <typeparamref name="TDbContext"/>, the service's own
    /// DbContext (the saga's table mapped with <see cref="SagaModelBuilderExtensions.MapSaga"/>):
    /// <c>x.AddSagaStateMachine&lt;M, S&gt;().PostgresRepository&lt;S, AppDbContext&gt;()</c>.
    /// </summary>
    public static ISagaRegistrationConfigurator<TSaga> PostgresRepository<TSaga, TDbContext>(this ISagaRegistrationConfigurator<TSaga> configurator)
        where TSaga : class, ISagaVersion
        where TDbContext : DbContext
    {
        // Scoped factories: MassTransit resolves them in each message's scope, so the repository gets
        // the same DbContext instance the saga's activities and the (later) outbox get.
        configurator.Repository(services =>
        {
            services.RegisterSagaRepository<
                TSaga,
                TDbContext,
                SagaConsumeContextFactory<TDbContext, TSaga>,
                PostgresSagaRepositoryContextFactory<TDbContext, TSaga>>();

            // ILoadSagaRepository<TSaga> and IQuerySagaRepository<TSaga>: reading a saga's state outside a message.
            services.RegisterLoadSagaRepository<TSaga, PostgresSagaQueryContextFactory<TDbContext, TSaga>>();
            services.RegisterQuerySagaRepository<TSaga, PostgresSagaQueryContextFactory<TDbContext, TSaga>>();
        });
        return configurator;
    }

    /// <summary>
    /// Stores every saga registered after this call in PostgreSQL through <typeparamref name="TDbContext"/>.
    /// Call it before <c>AddSagaStateMachine</c>: MassTransit applies the provider as each saga is added.
    /// </summary>
    public static void SetPostgresSagaRepositoryProvider<TDbContext>(this IRegistrationConfigurator configurator)
        where TDbContext : DbContext =>
        configurator.SetSagaRepositoryProvider(new PostgresSagaRepositoryRegistrationProvider<TDbContext>());
}
