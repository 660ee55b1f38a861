using MassTransit;
using MassTransit.Middleware;
using MassTransit.Saga;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerPlatform.Messaging.Sagas;

/// <summary>
/// Reads sagas outside a message (<see cref="ILoadSagaRepository{TSaga}"/> and
/// <see cref="IQuerySagaRepository{TSaga}"/>, e.g. for an HTTP handler that shows a saga's state): a scope
/// and DbContext of its own, no lock, nothing tracked. What it returns is a snapshot; changing a saga
/// stays the job of its messages.
/// </summary>
internal sealed class PostgresSagaQueryContextFactory<TDbContext, TSaga>(IServiceScopeFactory scopeFactory)
    : ILoadSagaRepositoryContextFactory<TSaga>, IQuerySagaRepositoryContextFactory<TSaga>
    where TDbContext : DbContext
    where TSaga : class, ISagaVersion
{
    public async Task<T> Execute<T>(Func<LoadSagaRepositoryContext<TSaga>, Task<T>> asyncMethod, CancellationToken cancellationToken = default)
        where T : class
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        return await asyncMethod(new Context(scope.ServiceProvider.GetRequiredService<TDbContext>(), cancellationToken));
    }

    public async Task<T> Execute<T>(Func<QuerySagaRepositoryContext<TSaga>, Task<T>> asyncMethod, CancellationToken cancellationToken = default)
        where T : class
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        return await asyncMethod(new Context(scope.ServiceProvider.GetRequiredService<TDbContext>(), cancellationToken));
    }

    public void Probe(ProbeContext context)
    {
        var scope = context.CreateScope("sagaQueries");
        scope.Add("persistence", "postgres");
        scope.Add("dbContext", typeof(TDbContext).Name);
    }

    private sealed class Context(TDbContext dbContext, CancellationToken cancellationToken)
        : BasePipeContext(cancellationToken), LoadSagaRepositoryContext<TSaga>, QuerySagaRepositoryContext<TSaga>
    {
        /// <summary>MassTransit's contract says <c>Task&lt;TSaga&gt;</c>; an unknown id gives null, as its own repositories do.</summary>
        public async Task<TSaga> Load(Guid correlationId) =>
            (await dbContext.Set<TSaga>().AsNoTracking().SingleOrDefaultAsync(saga => saga.CorrelationId == correlationId, CancellationToken))!;

        public async Task<SagaRepositoryQueryContext<TSaga>> Query(ISagaQuery<TSaga> query, CancellationToken token = default)
        {
            var ids = await dbContext.Set<TSaga>().AsNoTracking()
                .Where(query.FilterExpression)
                .Select(saga => saga.CorrelationId)
                .ToListAsync(token == default ? CancellationToken : token);
            return new DefaultSagaRepositoryQueryContext<TSaga>(this, ids);
        }
    }
}
