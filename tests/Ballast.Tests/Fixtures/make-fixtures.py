# Writes the import fixtures (good/ and bad/ with its manifest). Credit codes get their check character
# by the GB 32100-2015 rule; CreditCodeFixtureTests checks them against CreditCode.Complete.
import os
A="0123456789ABCDEFGHJKLMNPQRTUWXY"
W=[1,3,9,27,19,26,16,17,20,29,25,13,8,24,10,30,28]
def cc(s17):
    assert len(s17)==17
    t=sum(A.index(c)*w for c,w in zip(s17,W))
    c=31-t%31
    return s17+A[0 if c==31 else c]
root=os.path.dirname(os.path.abspath(__file__))
E1=cc("91110108MA01ABCD2"); E2=cc("91310115MA1K3XY0B"); E3=cc("91440300MA5F1234Q"); E4=cc("91320500MA1MN8RT7")
B1=cc("91330100MA2H9KL3P"); B2=cc("91370200MA3C7DE1U"); B3=cc("91510100MA61WX2Y8")
NR=cc("91120116MA05PQ4R6")  # valid but never registered
print(E1,E2,E3,E4,B1,B2,B3,NR)
def w(path, text, enc='utf-8'):
    with open(os.path.join(root,path),'wb') as f: f.write(text.encode(enc) if isinstance(text,str) else text)
EH="credit_code,name,region_code,industry_code,ownership,employees,revenue_last_year,tiers\n"
w('good/enterprises.csv', EH+
  f"{E1},北京智芯微电子有限公司,110108,3973,PRIVATE,1200,52000.5,SRI_SME;LITTLE_GIANT\n"
  f"{E2},上海汽车零部件股份有限公司,310115,3670,SOE,800,30000,\n"
  f"{E3},深圳华药制药有限公司,440300,2710,FOREIGN,150,8000,TECH_SME\n"
  f"{E4},\"苏州精工机械有限公司, 二厂\",320500,3411,COLLECTIVE,20,300,\n")
RH="credit_code,period,output_value,sales_value,export_value,revenue,profit,rd_expense,energy_tce,water_m3,receivables,overdue_receivables,employees\n"
def rep(code, period, out="1000", sales="950", exp="100", rev="980", profit="50.5", rd="30", energy="120.25", water="800", rec="300", overdue="20", emp="1150"):
    return f"{code},{period},{out},{sales},{exp},{rev},{profit},{rd},{energy},{water},{rec},{overdue},{emp}\n"
w('good/reports.csv', RH+
  rep(E1,"2025-03","4520.75","4300.5","1200","4400","310.25","180","95.5","1200","2600","150","1180")+
  rep(E2,"2025-03","2600","2500","0","2550","-45.5","12","300","5000","900","0","790")+
  rep(E3,"2025-03","610","600","540","605","12","25.5","40","700","150","10","148")+
  rep(E1,"2025-04","4800","4650","1300","4700","330","190","98","1250","2700","160","1185")+
  rep(E2,"2025-04","2450.5","2400","0","2420","-20","11","290","4900","880","0","792")+
  rep(E3,"2025-04","630","610","500","615","14","26","41","710","155","12","149"))
PH="credit_code,period,product,output,capacity\n"
w('good/products.csv', PH+f"{E1},2025-03,IC,12.5,200\n{E2},2025-03,AUTOMOBILES,1.25,\n{E1},2025-04,IC,13,200\n")
w('good/ppi.csv', "division,period,index\n39,2025-03,98.7\n6,2025-03,101.2\n36,2025-04,100\n")
w('good/va_rates.csv', "division,year,rate\n39,2024,0.25\n06,2024,0.4\n36,2024,0.215\n")

manifest=[]
def bad(name, kind, line, col, frag, text, enc='utf-8'):
    if text is not None: w('bad/'+name, text, enc)
    manifest.append((name, kind, line, col, frag))
def ereg(code, name="测试企业", region=None, industry="3411", own="PRIVATE", emp="100", rev="5000", tiers=""):
    region = region if region is not None else code[2:8]
    return f"{code},{name},{region},{industry},{own},{emp},{rev},{tiers}\n"
okE = ereg(B1) + ereg(B2, region="370202", industry="2710")   # lines 2, 3
bad('e_credit_check.csv','',4,'credit_code','check character', EH+okE+ereg(B3[:17]+('0' if B3[17]!='0' else '1'), region="510104")+ereg(B3))
bad('e_credit_lower.csv','',4,'credit_code','lower-case letter', EH+okE+ereg(B3[:8]+'ma'+B3[10:], region="510104"))
bad('e_credit_length.csv','',4,'credit_code','has 17 characters', EH+okE+ereg(B3[:17], region="510104"))
bad('e_credit_alphabet.csv','',4,'credit_code','not in the credit-code alphabet', EH+okE+ereg(B3[:9]+'I'+B3[10:], region="510104"))
bad('e_credit_empty.csv','',4,'credit_code','credit_code is empty', EH+okE+ereg("", region="510104"))
bad('e_name_empty.csv','',4,'name','name is empty', EH+okE+ereg(B3, name=""))
bad('e_region_digits.csv','',4,'region_code','is not 6 digits', EH+okE+ereg(B3, region="51010"))
bad('e_region_province.csv','',4,'region_code','not a province', EH+okE+ereg(B3, region="991010"))
bad('e_industry_digits.csv','',4,'industry_code','is not 4 digits', EH+okE+ereg(B3, industry="341"))
bad('e_industry_division.csv','',4,'industry_code','not an industrial division', EH+okE+ereg(B3, industry="0511"))
bad('e_ownership_unknown.csv','',4,'ownership','not an ownership code', EH+okE+ereg(B3, own="STATE"))
bad('e_ownership_lower.csv','',4,'ownership','codes are upper case', EH+okE+ereg(B3, own="soe"))
bad('e_employees_negative.csv','',4,'employees','"-3" is negative; employees must be ≥ 0', EH+okE+ereg(B3, emp="-3"))
bad('e_employees_decimal.csv','',4,'employees','without a decimal point', EH+okE+ereg(B3, emp="12.5"))
bad('e_revenue_negative.csv','',4,'revenue_last_year','revenue last year must be ≥ 0', EH+okE+ereg(B3, rev="-1.5"))
bad('e_revenue_thousands.csv','',4,'revenue_last_year','"12,000" is not a number', EH+okE+ereg(B3, rev='"12,000"'))
bad('e_revenue_plus.csv','',4,'revenue_last_year','"+500" is not a number', EH+okE+ereg(B3, rev="+500"))
bad('e_revenue_exponent.csv','',4,'revenue_last_year','"5E3" is not a number', EH+okE+ereg(B3, rev="5E3"))
bad('e_tier_unknown.csv','',4,'tiers','not a tier', EH+okE+ereg(B3, tiers="GOLD"))
bad('e_tier_empty_segment.csv','',4,'tiers','empty tier', EH+okE+ereg(B3, tiers="TECH_SME;"))
bad('e_duplicate_code.csv','',4,'credit_code','already on line 2', EH+okE+ereg(B1, name="重复企业")+ereg(B3))

okR = rep(E1,"2025-03") + rep(E2,"2025-03")   # lines 2, 3
after = rep(E3,"2025-04")
bad('r_not_registered.csv','',4,'credit_code','is not in the register', RH+okR+rep(NR,"2025-03")+after)
bad('r_credit_check.csv','',4,'credit_code','check character', RH+okR+rep(E3[:17]+('0' if E3[17]!='0' else '1'),"2025-03")+after)
bad('r_period_format.csv','',4,'period','not a month in the form YYYY-MM', RH+okR+rep(E3,"2025-3")+after)
bad('r_period_month13.csv','',4,'period','"2025-13" is not a month', RH+okR+rep(E3,"2025-13")+after)
bad('r_period_future.csv','',4,'period','later than the current month', RH+okR+rep(E3,"2099-01")+after)
bad('r_output_negative.csv','',4,'output_value','"-5" is negative; output value must be ≥ 0', RH+okR+rep(E3,"2025-03",out="-5")+after)
bad('r_export_above_sales.csv','',4,'export_value','export value must be ≤ sales value', RH+okR+rep(E3,"2025-03",sales="500",exp="500.5")+after)
bad('r_overdue_above_receivables.csv','',4,'overdue_receivables','must be ≤ receivables', RH+okR+rep(E3,"2025-03",rec="100",overdue="120")+after)
bad('r_profit_trailing_point.csv','',4,'profit','"12." is not a number', RH+okR+rep(E3,"2025-03",profit="12.")+after)
bad('r_sales_exponent.csv','',4,'sales_value','"1E5" is not a number', RH+okR+rep(E3,"2025-03",sales="1E5")+after)
bad('r_revenue_space.csv','',4,'revenue','" 980" is not a number', RH+okR+rep(E3,"2025-03",rev=" 980")+after)
bad('r_rd_negative.csv','',4,'rd_expense','rd expense must be ≥ 0', RH+okR+rep(E3,"2025-03",rd="-0.5")+after)
bad('r_energy_negative.csv','',4,'energy_tce','energy tce must be ≥ 0', RH+okR+rep(E3,"2025-03",energy="-1")+after)
bad('r_water_negative.csv','',4,'water_m3','water m3 must be ≥ 0', RH+okR+rep(E3,"2025-03",water="-2")+after)
bad('r_employees_decimal.csv','',4,'employees','without a decimal point', RH+okR+rep(E3,"2025-03",emp="30.0")+after)
bad('r_employees_negative.csv','',4,'employees','employees must be ≥ 0', RH+okR+rep(E3,"2025-03",emp="-1")+after)
bad('r_revenue_empty.csv','',4,'revenue','revenue is empty', RH+okR+rep(E3,"2025-03",rev="")+after)
bad('r_duplicate_key.csv','',4,'credit_code','already on line 2', RH+okR+rep(E1,"2025-03",out="999")+after)

okP = f"{E1},2025-03,IC,12.5,200\n{E2},2025-03,AUTOMOBILES,1.25,\n"
afterP = f"{E3},2025-03,LI_BATTERIES,3,\n"
bad('p_unknown_product.csv','',4,'product','not a product code', PH+okP+f"{E3},2025-03,STEEL,3,\n"+afterP)
bad('p_product_lower.csv','',4,'product','codes are upper case', PH+okP+f"{E3},2025-03,ic,3,\n"+afterP)
bad('p_output_negative.csv','',4,'output','output must be ≥ 0', PH+okP+f"{E3},2025-03,IC,-3,\n"+afterP)
bad('p_output_empty.csv','',4,'output','output is empty', PH+okP+f"{E3},2025-03,IC,,10\n"+afterP)
bad('p_capacity_negative.csv','',4,'capacity','capacity must be ≥ 0', PH+okP+f"{E3},2025-03,IC,3,-10\n"+afterP)
bad('p_capacity_text.csv','',4,'capacity','"n/a" is not a number', PH+okP+f"{E3},2025-03,IC,3,n/a\n"+afterP)
bad('p_duplicate_key.csv','',4,'credit_code','already on line 2', PH+okP+f"{E1},2025-03,IC,7,\n"+afterP)
bad('p_not_registered.csv','',4,'credit_code','is not in the register', PH+okP+f"{NR},2025-03,IC,3,\n"+afterP)
bad('p_period_future.csv','',4,'period','later than the current month', PH+okP+f"{E3},2099-06,IC,3,\n"+afterP)

QH="division,period,index\n"; okQ="39,2025-03,98.7\n36,2025-03,101\n"; afterQ="27,2025-03,100\n"
bad('q_index_zero.csv','',4,'index','must be > 0', QH+okQ+"26,2025-03,0\n"+afterQ)
bad('q_index_negative.csv','',4,'index','"-1" is not positive', QH+okQ+"26,2025-03,-1\n"+afterQ)
bad('q_division_unknown.csv','',4,'division','"05" is not an industrial division', QH+okQ+"05,2025-03,100\n"+afterQ)
bad('q_division_format.csv','',4,'division','"123" is not a division', QH+okQ+"123,2025-03,100\n"+afterQ)
bad('q_division_six_twice.csv','',4,'division','already on line 2', "division,period,index\n6,2025-03,98.7\n36,2025-03,101\n06,2025-03,99\n"+afterQ)
bad('q_period_future.csv','',4,'period','later than the current month', QH+okQ+"26,2099-12,100\n"+afterQ)
bad('q_index_empty.csv','',4,'index','index is empty', QH+okQ+"26,2025-03,\n"+afterQ)

VH="division,year,rate\n"; okV="39,2024,0.25\n36,2024,0.2\n"; afterV="27,2024,0.3\n"
bad('v_rate_one.csv','',4,'rate','"1" is not between 0 and 1', VH+okV+"26,2024,1\n"+afterV)
bad('v_rate_zero.csv','',4,'rate','"0" is not between 0 and 1', VH+okV+"26,2024,0\n"+afterV)
bad('v_rate_negative.csv','',4,'rate','"-0.2" is not between 0 and 1', VH+okV+"26,2024,-0.2\n"+afterV)
bad('v_year_decimal.csv','',4,'year','without a decimal point', VH+okV+"26,2024.0,0.3\n"+afterV)
bad('v_year_range.csv','',4,'year','not a year between', VH+okV+"26,1800,0.3\n"+afterV)
bad('v_division_unknown.csv','',4,'division','"47" is not an industrial division', VH+okV+"47,2024,0.3\n"+afterV)
bad('v_duplicate.csv','',4,'division','already on line 2', VH+okV+"39,2024,0.26\n"+afterV)

# malformed files: reports files (recognised by their columns)
bad('m_unclosed_quote.csv','',4,'profit','never closed', RH+okR+f'{E3},2025-03,1000,950,100,980,"50.5,30,120.25,800,300,20,1150\n'+after)
bad('m_quote_in_field.csv','',4,'sales_value','a quote inside unquoted field', RH+okR+rep(E3,"2025-03",sales='95"0')+after)
bad('m_text_after_quote.csv','',4,'sales_value','text after the closing quote', RH+okR+rep(E3,"2025-03",sales='"95"0')+after)
bad('m_column_count.csv','',4,'','has 12 fields but the header has 13', RH+okR+rep(E3,"2025-03").replace(",1150\n","\n")+after)
bad('m_empty.csv','',0,'','the file is empty', "")
bad('m_missing_column.csv','',1,'period','has no column period', RH.replace("period,","")+"".join(l.replace(",2025-03","") for l in [rep(E1,"2025-03")]))
bad('m_duplicate_column.csv','',1,'Output_Value','appears twice', RH.replace("\n",",Output_Value\n")+rep(E1,"2025-03").replace("\n",",5\n"))
bad('m_unknown_kind.csv','',1,'','cannot tell which kind of file', "code,month,amount\nA,2025-03,5\n")
gbText = EH + ereg(B1, name="杭州测试机械有限公司")
bad('m_gb18030.csv','',2,'','--encoding gb18030', gbText, enc='gb18030')
bad('m_missing.csv','',0,'','no such file', None)
bad('m_wrong_kind.csv','ppi',1,'division','has no column division', "division2,period,index\n39,2025-03,98.7\n")

with open(os.path.join(root,'bad/manifest.csv'),'w') as f:
    f.write("file,kind_or_empty,expected_line,expected_column,message_fragment\n")
    for (n,k,l,c,fr) in manifest:
        q=lambda s: '"'+s.replace('"','""')+'"' if any(ch in s for ch in ',"\n') else s
        f.write(f"{q(n)},{q(k)},{l},{q(c)},{q(fr)}\n")
print(len(manifest))
