//! The plan file exactly as written: every field optional where a missing
//! value is a validation problem rather than a syntax error, so that one pass
//! can report every problem at once. Unknown fields are syntax errors.

use serde::Deserialize;
use toml::Spanned;

pub type Text = Spanned<String>;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFile {
    pub plan: Option<Spanned<RawPlan>>,
    #[serde(default)]
    pub division: Vec<Spanned<RawDivision>>,
    #[serde(default)]
    pub group: Vec<Spanned<RawGroup>>,
    #[serde(default)]
    pub section: Vec<Spanned<RawSection>>,
    #[serde(default)]
    pub task: Vec<Spanned<RawTask>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPlan {
    pub id: Option<Text>,
    pub title: Option<Text>,
    pub doc_no: Option<Text>,
    pub issuer: Option<Text>,
    pub issued: Option<Spanned<toml::Value>>,
    pub office: Option<Text>,
    pub due: Option<Spanned<toml::Value>>,
    pub feedback: Option<Text>,
    pub feedback_day: Option<Spanned<i64>>,
    pub warn: Option<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDivision {
    pub name: Option<Text>,
    #[serde(default)]
    pub aliases: Vec<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawGroup {
    pub name: Option<Text>,
    #[serde(default)]
    pub members: Vec<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSection {
    pub id: Option<Text>,
    pub title: Option<Text>,
    pub role: Option<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTask {
    pub id: Option<Text>,
    pub section: Option<Text>,
    pub title: Option<Text>,
    pub text: Option<Text>,
    pub lead: Option<Text>,
    #[serde(default)]
    pub support: Vec<Text>,
    pub due: Option<Spanned<toml::Value>>,
    #[serde(default)]
    pub rule: Vec<Spanned<RawRule>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRule {
    pub kind: Option<Text>,
    pub event: Option<Text>,
    pub within: Option<Text>,
    pub what: Option<Text>,
    pub count: Option<Spanned<i64>>,
    pub by: Option<Spanned<toml::Value>>,
}
