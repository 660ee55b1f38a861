using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace CustomerPlatform.Messaging.Sagas;

/// <summary>
/// The two statements EF Core cannot express, built once per model from the saga's EF mapping:
/// <c>SELECT … FOR UPDATE</c> (to lock the row while the saga runs) and
/// <c>INSERT … ON CONFLICT DO NOTHING</c> (so a concurrent first insert neither aborts the
/// transaction nor overwrites the winner). Updates and deletes go through EF's change tracker.
/// </summary>
internal sealed class SagaTable<TSaga>
    where TSaga : class
{
    private static readonly ConcurrentDictionary<IModel, SagaTable<TSaga>> Tables = new();

    private readonly IProperty[] _insertedProperties;

    private SagaTable(IEntityType entityType)
    {
        var tableName = entityType.GetTableName()
            ?? throw new InvalidOperationException($"The saga {typeof(TSaga).Name} is not mapped to a table: map it with modelBuilder.MapSaga<{typeof(TSaga).Name}>(table).");
        var table = StoreObjectIdentifier.Table(tableName, entityType.GetSchema());

        // Owned and complex types would need more than one INSERT or a JSON mapping we don't have yet:
        // fail at the first message with a clear reason rather than silently dropping state.
        if (entityType.GetNavigations().Any() || entityType.GetComplexProperties().Any())
            throw new NotSupportedException($"The saga {typeof(TSaga).Name} has navigations or complex properties; the Postgres saga repository stores scalar columns only.");

        var key = entityType.FindPrimaryKey()?.Properties ?? [];
        if (key is not [{ Name: "CorrelationId" }])
            throw new InvalidOperationException($"The saga {typeof(TSaga).Name} must be keyed on CorrelationId alone: map it with MapSaga.");

        var quotedTable = entityType.GetSchema() is { } schema ? $"{Quote(schema)}.{Quote(tableName)}" : Quote(tableName);
        var keyColumn = Quote(key[0].GetColumnName(table)!);

        // Shadow and computed properties have no value on the instance: the database default fills them.
        _insertedProperties = entityType.GetProperties()
            .Where(p => !p.IsShadowProperty() && p.GetComputedColumnSql(table) is null)
            .ToArray();

        var columns = string.Join(", ", _insertedProperties.Select(p => Quote(p.GetColumnName(table)!)));
        var values = string.Join(", ", _insertedProperties.Select((_, i) => $"@p{i}"));

        SelectForUpdateSql = $"SELECT * FROM {quotedTable} WHERE {keyColumn} = {{0}} FOR UPDATE";
        InsertSql = $"INSERT INTO {quotedTable} ({columns}) VALUES ({values}) ON CONFLICT ({keyColumn}) DO NOTHING";
    }

    /// <summary>A <c>FromSqlRaw</c> query with the correlation id as its one parameter.</summary>
    public string SelectForUpdateSql { get; }

    public string InsertSql { get; }

    public static SagaTable<TSaga> For(DbContext context) =>
        Tables.GetOrAdd(context.Model, model => new SagaTable<TSaga>(
            model.FindEntityType(typeof(TSaga))
            ?? throw new InvalidOperationException($"The saga {typeof(TSaga).Name} is not in the model of {context.GetType().Name}: call modelBuilder.MapSaga<{typeof(TSaga).Name}>(table) in OnModelCreating.")));

    /// <summary>Inserts the instance unless its row exists; returns false when another transaction got there first.</summary>
    public async Task<bool> TryInsertAsync(DbContext context, TSaga instance, CancellationToken cancellationToken)
    {
        // The type mapping turns each value into a parameter exactly as SaveChanges would (converters included).
        await using var command = context.Database.GetDbConnection().CreateCommand();
        var parameters = new DbParameter[_insertedProperties.Length];
        for (var i = 0; i < _insertedProperties.Length; i++)
        {
            var property = _insertedProperties[i];
            var value = property.GetGetter().GetClrValue(instance);
            parameters[i] = property.GetRelationalTypeMapping().CreateParameter(command, $"p{i}", value, property.IsNullable);
        }

        var rows = await context.Database.ExecuteSqlRawAsync(InsertSql, parameters, cancellationToken);
        return rows == 1;
    }

    private static string Quote(string identifier) => $"\"{identifier.Replace("\"", "\"\"")}\"";
}
