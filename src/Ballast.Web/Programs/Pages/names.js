'use strict';
// Names of the province codes (classifications/regions.csv) and of the tiers (classifications/tiers.csv), in
// both languages, for the programme and arrears pages (the API speaks in codes).
const Names = (() => {
  const provinces = {
    '11': { en: 'Beijing', zh: '北京市' },
    '12': { en: 'Tianjin', zh: '天津市' },
    '13': { en: 'Hebei', zh: '河北省' },
    '14': { en: 'Shanxi', zh: '山西省' },
    '15': { en: 'Inner Mongolia', zh: '内蒙古自治区' },
    '21': { en: 'Liaoning', zh: '辽宁省' },
    '22': { en: 'Jilin', zh: '吉林省' },
    '23': { en: 'Heilongjiang', zh: '黑龙江省' },
    '31': { en: 'Shanghai', zh: '上海市' },
    '32': { en: 'Jiangsu', zh: '江苏省' },
    '33': { en: 'Zhejiang', zh: '浙江省' },
    '34': { en: 'Anhui', zh: '安徽省' },
    '35': { en: 'Fujian', zh: '福建省' },
    '36': { en: 'Jiangxi', zh: '江西省' },
    '37': { en: 'Shandong', zh: '山东省' },
    '41': { en: 'Henan', zh: '河南省' },
    '42': { en: 'Hubei', zh: '湖北省' },
    '43': { en: 'Hunan', zh: '湖南省' },
    '44': { en: 'Guangdong', zh: '广东省' },
    '45': { en: 'Guangxi', zh: '广西壮族自治区' },
    '46': { en: 'Hainan', zh: '海南省' },
    '50': { en: 'Chongqing', zh: '重庆市' },
    '51': { en: 'Sichuan', zh: '四川省' },
    '52': { en: 'Guizhou', zh: '贵州省' },
    '53': { en: 'Yunnan', zh: '云南省' },
    '54': { en: 'Tibet', zh: '西藏自治区' },
    '61': { en: 'Shaanxi', zh: '陕西省' },
    '62': { en: 'Gansu', zh: '甘肃省' },
    '63': { en: 'Qinghai', zh: '青海省' },
    '64': { en: 'Ningxia', zh: '宁夏回族自治区' },
    '65': { en: 'Xinjiang', zh: '新疆维吾尔自治区' },
  };
  const tiers = {
    TECH_SME: { en: 'Technology-based SME (science and technology ministry programme)', zh: '科技型中小企业' },
    INNOVATIVE_SME: { en: 'Innovative SME', zh: '创新型中小企业' },
    SRI_SME: { en: 'Specialized, refined, distinctive and innovative SME', zh: '专精特新中小企业' },
    LITTLE_GIANT: { en: '"Little giant" enterprise', zh: '专精特新“小巨人”企业' },
    SINGLE_CHAMPION: { en: 'Manufacturing single-product champion', zh: '制造业单项冠军企业' },
    SMART_BASIC: { en: 'Intelligent factory: basic level', zh: '基础级智能工厂' },
    SMART_ADVANCED: { en: 'Intelligent factory: advanced level', zh: '先进级智能工厂' },
    SMART_EXCELLENT: { en: 'Intelligent factory: excellent level', zh: '卓越级智能工厂' },
    SMART_LEADING: { en: 'Intelligent factory: leading level', zh: '领航级智能工厂' },
    GREEN_FACTORY: { en: 'National green factory', zh: '国家级绿色工厂' },
  };
  const states = {
    Submitted: { en: 'Submitted', zh: '已提交' }, ProvinceApproved: { en: 'Approved by the province', zh: '省级已通过' },
    Returned: { en: 'Returned', zh: '已退回' }, Certified: { en: 'Certified', zh: '已认定' }, NotPassed: { en: 'Not passed', zh: '未通过' },
    Expired: { en: 'Expired', zh: '已到期' }, Revoked: { en: 'Revoked', zh: '已撤销' }, Withdrawn: { en: 'Withdrawn', zh: '已撤回' },
  };
  const kinds = { Initial: { en: 'First application', zh: '首次申请' }, ReReview: { en: 'Re-review', zh: '复核' } };
  const debtors = {
    government: { en: 'Government agency', zh: '政府机关' }, institution: { en: 'Public institution', zh: '事业单位' },
    soe: { en: 'State-owned enterprise', zh: '国有企业' }, large: { en: 'Other large enterprise', zh: '其他大型企业' },
  };
  const statuses = {
    registered: { en: 'Registered', zh: '已登记' }, accepted: { en: 'Accepted', zh: '已受理' }, in_progress: { en: 'In progress', zh: '办理中' },
    paid: { en: 'Closed: paid', zh: '已办结：已清偿' }, partly_paid: { en: 'Closed: partly paid', zh: '已办结：部分清偿' },
    disputed: { en: 'Closed: disputed', zh: '已办结：存在争议' }, withdrawn: { en: 'Closed: withdrawn', zh: '已办结：已撤回' },
  };
  function pick(map, code) { const n = map[code]; return n ? Ballast.t(n) : code; }
  function state(code) { return pick(states, code); }
  function kind(code) { return pick(kinds, code); }
  function debtor(code) { return pick(debtors, code); }
  function status(code) { return pick(statuses, code); }
  function province(code) { const n = provinces[code]; return n ? code + ' ' + Ballast.t(n) : code; }
  function tier(code) { const n = tiers[code]; return n ? Ballast.t(n) : code; }
  // Enterprise names for the reviewers' tables, read one by one from the register (each read is in the caller's
  // scope and audited as microdata); at most 100 per call, each code once per page load.
  const firmNames = new Map();
  async function loadEnterprises(codes) {
    const wanted = [...new Set(codes)].filter(c => !firmNames.has(c)).slice(0, 100);
    await Promise.all(wanted.map(async c => {
      const r = await Ballast.api('GET', '/api/register/' + encodeURIComponent(c));
      firmNames.set(c, r.ok ? r.json.name : null);
    }));
  }
  function enterprise(code) {
    const name = firmNames.get(code);
    return name ? Ballast.el('span', {}, name, Ballast.el('br'), Ballast.el('small', { class: 'muted' }, code)) : code;
  }
  return { loadEnterprises, enterprise, province, tier, state, kind, debtor, status, provinces, debtorCodes: Object.keys(debtors) };
})();
