using System.Text;
using Ballast.Core.Reporting;
using Ballast.Core.Storage;
using Ballast.Core.Storage.Postgres;
using Ballast.Statistics.Periods;
using Ballast.Tests.Infrastructure;
using Npgsql;

namespace Ballast.Tests.Storage;

/// <summary>The storage suite on a real PostgreSQL (see <see cref="PostgresServer"/>): a fresh database per test.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresStoreTests(PostgresServer server) : BallastStoreTests
{
    private readonly string _connectionString = server.CreateDatabase();

    protected override IBallastStore Open() => new PostgresStore(_connectionString);

    // With a password that must never show in a description (trust authentication ignores it).
    protected override string DbText => new NpgsqlConnectionStringBuilder(_connectionString) { Password = "secret-pw" }.ConnectionString;

    protected override void ExecuteSql(string sql)
    {
        using var c = new NpgsqlConnection(_connectionString);
        c.Open();
        using var cmd = new NpgsqlCommand(sql, c);
        cmd.ExecuteNonQuery();
    }

    protected override object? QueryScalar(string sql)
    {
        using var c = new NpgsqlConnection(_connectionString);
        c.Open();
        using var cmd = new NpgsqlCommand(sql, c);
        return cmd.ExecuteScalar() is { } v and not DBNull ? v : null;
    }

    [Fact]
    public void CopyReportsCsvUnvalidated_LoadsTheFileIntoTheSameTables()
    {
        string csv = Path.Combine(Path.GetTempPath(), "ballast-copy-" + Guid.NewGuid().ToString("N") + ".csv");
        try
        {
            // Columns in another order than Ballast writes them: the header decides.
            File.WriteAllText(csv,
                "period,credit_code,output_value,sales_value,export_value,revenue,profit,rd_expense,energy_tce,water_m3,receivables,overdue_receivables,employees\n" +
                $"2025-03,{Code(1)},0.30000000000000004,2,0,3,-1.5,0,0,0,0,0,10\n" +
                $"2025-02,{Code(1)},1,2,0,3,4,0,0,0,0,0,11\n", new UTF8Encoding(false));
            using var store = new PostgresStore(_connectionString);
            Assert.Equal(2, store.CopyReportsCsvUnvalidated(csv));

            var reports = store.Reports().ToList();
            Assert.Equal([new YearMonth(2025, 2), new YearMonth(2025, 3)], reports.Select(r => r.Period));
            Assert.Equal(BitConverter.DoubleToInt64Bits(0.1 + 0.2), BitConverter.DoubleToInt64Bits(reports[1].OutputValue));
            Assert.Equal(-1.5, reports[1].Profit);
            var log = Assert.Single(store.Imports());
            Assert.Equal(2, log.Rows);
            Assert.Equal(2L, QueryScalar($"SELECT count(*) FROM reports WHERE import_id = {log.Id}"));
            Assert.Null(QueryScalar("SELECT column_default FROM information_schema.columns WHERE table_name = 'reports' AND column_name = 'import_id'"));
        }
        finally
        {
            File.Delete(csv);
        }
    }

    [Fact]
    public void TruncateData_EmptiesEveryTable_KeepsTheSchema()
    {
        using var store = new PostgresStore(_connectionString);
        Import(store, "wang", T1, tx => { tx.Write(Firm(1)); tx.Write(Report(1, Mar2025)); });
        Import(store, "wang", T2, tx => tx.Write(Report(1, Mar2025, 5)));
        store.TruncateData();
        Assert.Equal(new StoreSummary(0, 0, 0, 0, 0, 0, null, null, 0), store.Summary());
        using var again = new PostgresStore(_connectionString);
        Assert.Equal(CurrentVersion, again.SchemaVersion);
    }

    [Fact]
    public void Open_MissingDatabase_IsRefusedWithClearMessage()
    {
        string missing = new NpgsqlConnectionStringBuilder(_connectionString) { Database = "ballast_no_such_db" }.ConnectionString;
        var e = Assert.Throws<StoreException>(() => new PostgresStore(missing));
        Assert.Contains("database does not exist", e.Message, StringComparison.Ordinal);
        Assert.Contains("/ballast_no_such_db", e.Message, StringComparison.Ordinal);
    }
}
