using System.Text;

namespace CustomerPlatform.EndToEnd.Tests.Telemetry;

/// <summary>
/// Reads the protobuf wire format (https://protobuf.dev/programming-guides/encoding/) field by field:
/// just enough to pick out of OTLP's export requests what the telemetry tests look at, without the
/// generated OpenTelemetry.Proto types.
/// </summary>
internal ref struct OtlpWire(ReadOnlySpan<byte> buffer)
{
    private const int Varint = 0, Fixed64 = 1, LengthDelimited = 2, Fixed32 = 5;

    private readonly ReadOnlySpan<byte> _buffer = buffer;
    private int _position;
    private int _wireType;
    private ulong _varint;
    private ReadOnlySpan<byte> _bytes;

    /// <summary>The field just read by <see cref="Next"/>.</summary>
    public int Field { get; private set; }

    /// <summary>Moves to the next field; false at the end of the message.</summary>
    public bool Next()
    {
        if (_position >= _buffer.Length)
            return false;

        var key = ReadVarint();
        Field = (int)(key >> 3);
        _wireType = (int)(key & 7);
        switch (_wireType)
        {
            case Varint:
                _varint = ReadVarint();
                break;
            case Fixed64:
                _bytes = Take(8);
                break;
            case LengthDelimited:
                _bytes = Take(checked((int)ReadVarint()));
                break;
            case Fixed32:
                _bytes = Take(4);
                break;
            default:
                throw new FormatException($"Wire type {_wireType} (field {Field}) is not used by OTLP.");
        }
        return true;
    }

    /// <summary>A length-delimited field: an embedded message, a string or bytes.</summary>
    public readonly ReadOnlySpan<byte> Bytes => _wireType == LengthDelimited ? _bytes : throw WrongType("length-delimited");

    public readonly string String => Encoding.UTF8.GetString(Bytes);

    public readonly string Hex => Convert.ToHexStringLower(Bytes);

    public readonly ulong Number => _wireType == Varint ? _varint : throw WrongType("varint");

    private readonly FormatException WrongType(string expected) => new($"Field {Field} has wire type {_wireType}, not {expected}.");

    private ulong ReadVarint()
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = _buffer[_position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
                return value;
        }
        throw new FormatException("A varint is longer than 10 bytes.");
    }

    private ReadOnlySpan<byte> Take(int length)
    {
        var taken = _buffer.Slice(_position, length);
        _position += length;
        return taken;
    }
}
