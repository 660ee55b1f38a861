using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerPlatform.Messaging;

public static class SagaModelBuilderExtensions
{
    /// <summary>
    /// Maps a saga's state to its own table: <c>CorrelationId</c> is the key, <c>Version</c> the
    /// concurrency token the repository checks on every update and delete, and every other property
    /// a column. <paramref name="configure"/> sets what only the service knows (lengths, indexes for
    /// the properties its events correlate on). The owning service's migration creates the table.
    /// </summary>
    public static EntityTypeBuilder<TSaga> MapSaga<TSaga>(
        this ModelBuilder modelBuilder,
        string table,
        Action<EntityTypeBuilder<TSaga>>? configure = null,
        string? schema = null)
        where TSaga : class, ISagaVersion
    {
        var entity = modelBuilder.Entity<TSaga>();
        entity.ToTable(table, schema);
        entity.HasKey(saga => saga.CorrelationId);

        // The id comes from the message, never from the database.
        entity.Property(saga => saga.CorrelationId).ValueGeneratedNever();

        // EF puts the loaded version in the WHERE of UPDATE and DELETE: a row changed behind our
        // back (which the FOR UPDATE lock should make impossible) fails instead of being overwritten.
        entity.Property(saga => saga.Version).IsConcurrencyToken();

        configure?.Invoke(entity);
        return entity;
    }
}
