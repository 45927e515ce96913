//! The report as one self-contained HTML page (docs/report-html.md): text
//! escaped for HTML and SVG, and the charts drawn as inline SVG. The page
//! itself is laid out by a template (`templates/report.html`) that an
//! office may copy and adapt (`tasks report --format html --template FILE`).
//!
//! Every chart's bars carry their figure in `data-value`, so that a test
//! (or a reader's script) can check them against the report's figures.

use std::fmt::Write as _;

/// `text` with the five characters that mean something in HTML and XML
/// written as references, and control characters (which XML forbids and a
/// terminal would act on) shown as `\u{…}`: safe in text and in quoted
/// attributes, of HTML and of SVG alike.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' | '\t' => out.push(c),
            c if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}') => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out
}

/// One bar of a bar chart: a label, its value, and the text shown at its
/// end.
pub struct Bar<'a> {
    pub label: &'a str,
    pub value: f64,
    pub shown: String,
}

/// One part of a stacked bar: its series (an index into the chart's
/// series) and its count.
pub struct Stack<'a> {
    pub label: &'a str,
    pub parts: Vec<usize>,
}

/// A series of a stacked chart: its name in the legend and its class (the
/// template's style gives each its colour).
pub struct Series<'a> {
    pub name: &'a str,
    pub class: &'static str,
}

const WIDTH: f64 = 720.0;
/// The widest label shown whole, in columns (a Chinese character takes
/// two): a longer one is shortened with "…", whole in its bar's tooltip.
const LABEL_COLUMNS: usize = 30;
const LABEL: f64 = 210.0;
const ROW: f64 = 24.0;
const BAR: f64 = 16.0;

/// Horizontal bars, one per row, on a scale of 0 to `max` (100 for rates):
/// `<svg class="chart" data-chart="{name}">`, each bar a `rect.bar` with
/// `data-label` and `data-value`.
pub fn bars(name: &str, title: &str, rows: &[Bar], max: f64) -> String {
    let plot = WIDTH - LABEL - 60.0;
    let height = ROW * rows.len() as f64 + 30.0;
    let mut svg = open(name, title, height);
    for (i, row) in rows.iter().enumerate() {
        let y = 24.0 + ROW * i as f64;
        let w = if max > 0.0 {
            (row.value / max).clamp(0.0, 1.0) * plot
        } else {
            0.0
        };
        let label = escape(row.label);
        let _ = write!(
            svg,
            r#"<text class="label" x="{lx}" y="{ty}" text-anchor="end">{short}</text><rect class="bar" x="{LABEL}" y="{y}" width="{w:.1}" height="{BAR}" data-label="{label}" data-value="{v}"><title>{label}: {shown}</title></rect><text class="value" x="{vx:.1}" y="{ty}">{shown}</text>"#,
            lx = LABEL - 8.0,
            ty = y + 12.5,
            short = escape(&shortened(row.label)),
            v = row.value,
            shown = escape(&row.shown),
            vx = LABEL + w + 6.0,
        );
    }
    svg.push_str("</svg>");
    svg
}

/// Horizontal stacked bars, one per row, each part a `rect.part` of its
/// series' class with `data-label`, `data-series` and `data-value`; a
/// legend of the series above. Bars are scaled to the longest row.
pub fn stacked(name: &str, title: &str, series: &[Series], rows: &[Stack]) -> String {
    let plot = WIDTH - LABEL - 60.0;
    let longest = rows
        .iter()
        .map(|r| r.parts.iter().sum::<usize>())
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let height = ROW * rows.len() as f64 + 56.0;
    let mut svg = open(name, title, height);
    legend(&mut svg, series, 18.0);
    for (i, row) in rows.iter().enumerate() {
        let y = 50.0 + ROW * i as f64;
        let label = escape(row.label);
        let _ = write!(
            svg,
            r#"<text class="label" x="{lx}" y="{ty}" text-anchor="end">{short}</text>"#,
            lx = LABEL - 8.0,
            ty = y + 12.5,
            short = escape(&shortened(row.label)),
        );
        let mut x = LABEL;
        for (s, &n) in series.iter().zip(&row.parts) {
            let w = n as f64 / longest * plot;
            let _ = write!(
                svg,
                r#"<rect class="part {class}" x="{x:.1}" y="{y}" width="{w:.1}" height="{BAR}" data-label="{label}" data-series="{class}" data-value="{n}"><title>{label} {sname}: {n}</title></rect>"#,
                class = s.class,
                sname = escape(s.name),
            );
            x += w;
        }
        let total: usize = row.parts.iter().sum();
        let _ = write!(
            svg,
            r#"<text class="value" x="{vx:.1}" y="{ty}">{total}</text>"#,
            vx = x + 6.0,
            ty = y + 12.5,
        );
    }
    svg.push_str("</svg>");
    svg
}

/// Vertical stacked columns, one per period (the trend over time), each
/// part a `rect.part` as in `stacked`, with the period in `data-label`.
pub fn columns(name: &str, title: &str, series: &[Series], periods: &[Stack]) -> String {
    let height = 300.0;
    let (top, bottom, left) = (44.0, 40.0, 40.0);
    let plot_h = height - top - bottom;
    let plot_w = WIDTH - left - 10.0;
    let most = periods
        .iter()
        .map(|p| p.parts.iter().sum::<usize>())
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let step = plot_w / periods.len().max(1) as f64;
    let bar = (step * 0.7).min(40.0);
    let mut svg = open(name, title, height);
    legend(&mut svg, series, 18.0);
    // The axis: the largest count at the top, 0 at the bottom.
    let _ = write!(
        svg,
        r#"<line class="axis" x1="{left}" y1="{base}" x2="{right}" y2="{base}"/><text class="tick" x="{tx}" y="{top_y}" text-anchor="end">{most}</text><text class="tick" x="{tx}" y="{base}" text-anchor="end">0</text>"#,
        base = top + plot_h,
        right = left + plot_w,
        tx = left - 4.0,
        top_y = top + 4.0,
    );
    // Labels are thinned to about twelve along the axis.
    let every = periods.len().div_ceil(12).max(1);
    for (i, period) in periods.iter().enumerate() {
        let x = left + step * i as f64 + (step - bar) / 2.0;
        let label = escape(period.label);
        let mut y = top + plot_h;
        for (s, &n) in series.iter().zip(&period.parts) {
            let h = n as f64 / most * plot_h;
            y -= h;
            let _ = write!(
                svg,
                r#"<rect class="part {class}" x="{x:.1}" y="{y:.1}" width="{bar:.1}" height="{h:.1}" data-label="{label}" data-series="{class}" data-value="{n}"><title>{label} {sname}: {n}</title></rect>"#,
                class = s.class,
                sname = escape(s.name),
            );
        }
        if i % every == 0 || i + 1 == periods.len() {
            let _ = write!(
                svg,
                r#"<text class="tick" x="{cx:.1}" y="{ly}" text-anchor="middle">{label}</text>"#,
                cx = x + bar / 2.0,
                ly = top + plot_h + 16.0,
            );
        }
    }
    svg.push_str("</svg>");
    svg
}

/// `label` cut to `LABEL_COLUMNS` columns, with "…" (counted as two)
/// when cut.
fn shortened(label: &str) -> std::borrow::Cow<'_, str> {
    use crate::render::breaking::char_width;
    if label.chars().map(char_width).sum::<usize>() <= LABEL_COLUMNS {
        return label.into();
    }
    let mut used = 0;
    let end = label
        .char_indices()
        .find(|&(_, c)| {
            used += char_width(c);
            used > LABEL_COLUMNS - 2
        })
        .map_or(label.len(), |(i, _)| i);
    format!("{}…", &label[..end]).into()
}

fn open(name: &str, title: &str, height: f64) -> String {
    format!(
        r#"<svg class="chart" data-chart="{name}" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" role="img" aria-label="{title}"><text class="chart-title" x="0" y="12">{title}</text>"#,
        name = escape(name),
        title = escape(title),
    )
}

fn legend(svg: &mut String, series: &[Series], y: f64) {
    let mut x = LABEL;
    for s in series {
        let name = escape(s.name);
        let _ = write!(
            svg,
            r#"<rect class="key {class}" x="{x}" y="{ky}" width="12" height="12"/><text class="legend" x="{tx}" y="{ty}">{name}</text>"#,
            class = s.class,
            ky = y + 4.0,
            tx = x + 16.0,
            ty = y + 14.0,
        );
        x += 24.0 + 13.0 * s.name.chars().count() as f64 + 8.0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_escaped_in_text_and_attributes() {
        assert_eq!(
            escape(r#"<img src=x onerror=alert(1)> & "q" 'a'"#),
            "&lt;img src=x onerror=alert(1)&gt; &amp; &quot;q&quot; &#39;a&#39;"
        );
        assert_eq!(
            escape("a\u{1b}[31mb\u{85}c\u{2028}"),
            "a\\u{1b}[31mb\\u{85}c\\u{2028}"
        );
        assert_eq!(escape("行一\n行二\t完"), "行一\n行二\t完");
    }

    #[test]
    fn bars_carry_their_values_and_labels_escaped() {
        let rows = [
            Bar {
                label: "法规处",
                value: 40.0,
                shown: "40%".into(),
            },
            Bar {
                label: "<script>",
                value: 100.0,
                shown: "100%".into(),
            },
        ];
        let svg = bars("sections", "完成率", &rows, 100.0);
        assert!(
            svg.contains(r#"data-label="法规处" data-value="40""#),
            "{svg}"
        );
        assert!(svg.contains(r#"data-label="&lt;script&gt;" data-value="100""#));
        assert!(!svg.contains("<script>"));
        assert_eq!(svg.matches("<rect class=\"bar\"").count(), 2);
        // The full bar is the plot's width, a bar of 40 two fifths of it.
        assert!(svg.contains(r#"width="450.0""#) && svg.contains(r#"width="180.0""#));
    }

    #[test]
    fn long_labels_are_shortened_in_the_chart_and_whole_in_the_tooltip() {
        use crate::render::breaking::char_width;
        let long = "负责具体项目审批、核准、备案、实施的各相关处室";
        let short = shortened(long);
        assert!(short.ends_with('…') && long.starts_with(short.trim_end_matches('…')));
        assert!(short.chars().map(char_width).sum::<usize>() <= LABEL_COLUMNS);
        assert_eq!(shortened("法规处"), "法规处");
        let fifteen = "一二三四五六七八九十一二三四五";
        assert_eq!(shortened(fifteen), fifteen);
        let svg = bars(
            "divisions",
            "完成率",
            &[Bar {
                label: long,
                value: 0.0,
                shown: "0%".into(),
            }],
            100.0,
        );
        assert!(svg.contains(&format!(">{short}</text>")));
        assert!(svg.contains(&format!("<title>{long}: 0%</title>")));
    }

    #[test]
    fn stacked_parts_follow_their_series() {
        let series = [
            Series {
                name: "逾期",
                class: "red",
            },
            Series {
                name: "正常",
                class: "green",
            },
        ];
        let rows = [Stack {
            label: "办公室",
            parts: vec![2, 3],
        }];
        let svg = stacked("lights", "亮灯", &series, &rows);
        assert!(svg.contains(r#"data-series="red" data-value="2""#));
        assert!(svg.contains(r#"data-series="green" data-value="3""#));
        let svg = columns("trend", "进度", &series, &rows);
        assert!(svg.contains(r#"data-label="办公室" data-series="green" data-value="3""#));
    }
}
