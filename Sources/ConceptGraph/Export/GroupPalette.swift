import Foundation

/// Colours for clusters and concept kinds as Graphviz "H S V" strings. Hues step by the golden
/// angle, so neighbouring ids never look alike, and saturation cycles in three levels, so even
/// 40 clusters stay apart.
public enum GroupPalette {
    /// Fill of a node in group `id`.
    public static func fill(_ id: Int) -> String { hsv(id, saturation: [0.22, 0.36, 0.50][level(id)], value: 1.0) }
    /// Border of a node in group `id`, and the colour of the group's box outline.
    public static func border(_ id: Int) -> String { hsv(id, saturation: 0.75, value: 0.62) }
    /// Very light background of the group's box.
    public static func background(_ id: Int) -> String { hsv(id, saturation: 0.06, value: 1.0) }

    /// `fill` as `#RRGGBB`, for HTML-like Graphviz labels and CSS, which take no HSV strings.
    public static func fillHex(_ id: Int) -> String { hex(hue: hue(id), saturation: [0.22, 0.36, 0.50][level(id)], value: 1.0) }
    /// `border` as `#RRGGBB`.
    public static func borderHex(_ id: Int) -> String { hex(hue: hue(id), saturation: 0.75, value: 0.62) }
    /// `background` as `#RRGGBB`.
    public static func backgroundHex(_ id: Int) -> String { hex(hue: hue(id), saturation: 0.06, value: 1.0) }

    /// Translucent colour of an edge inside group `id`, as `#RRGGBBAA` (HSV strings carry no alpha).
    public static func edge(_ id: Int) -> String {
        let (r, g, b) = rgb(hue: hue(id), saturation: 0.7, value: 0.6)
        return String(format: "#%02x%02x%02x80", r, g, b)
    }

    static func hex(hue: Double, saturation: Double, value: Double) -> String {
        let (r, g, b) = rgb(hue: hue, saturation: saturation, value: value)
        return String(format: "#%02x%02x%02x", r, g, b)
    }

    static func rgb(hue: Double, saturation s: Double, value v: Double) -> (Int, Int, Int) {
        let h = hue * 6
        let sector = Int(h) % 6
        let f = h - h.rounded(.down)
        let p = v * (1 - s), q = v * (1 - s * f), t = v * (1 - s * (1 - f))
        let (r, g, b): (Double, Double, Double)
        switch sector {
        case 0: (r, g, b) = (v, t, p)
        case 1: (r, g, b) = (q, v, p)
        case 2: (r, g, b) = (p, v, t)
        case 3: (r, g, b) = (p, q, v)
        case 4: (r, g, b) = (t, p, v)
        default: (r, g, b) = (v, p, q)
        }
        func byte(_ x: Double) -> Int { Int((x * 255).rounded()) }
        return (byte(r), byte(g), byte(b))
    }

    static func hue(_ id: Int) -> Double {
        let h = (0.03 + Double(id) * 0.381966011250105).truncatingRemainder(dividingBy: 1)
        return h < 0 ? h + 1 : h
    }

    private static func level(_ id: Int) -> Int { ((id / 3) % 3 + 3) % 3 }

    private static func hsv(_ id: Int, saturation: Double, value: Double) -> String {
        String(format: "%.3f %.3f %.3f", hue(id), saturation, value)
    }
}
